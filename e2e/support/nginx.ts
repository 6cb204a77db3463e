import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Debian's nginx (`apt-get install nginx-light`), or one on PATH. */
export function nginxBinary(): string {
  const known = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (known) return known;
  throw new Error("nginx is not installed: `apt-get install nginx-light` (.ci/run does this on CI)");
}

/** Replaces `from` with `to`, insisting it occurs exactly once, so a changed template fails loudly here. */
function substituteOnce(file: string, text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`${file}: expected "${from}" once, found it ${count} times`);
  return text.replace(from, to);
}

/**
 * nginx with the shipped deploy/nginx/rehearsalhub.conf (only its marked
 * values substituted: app port, listen port, server name, storage dir),
 * wrapped in a minimal main config whose files all live under `dir`.
 */
export async function startNginx({ dir, port, appPort, storageDir, extraHttp = "" }: {
  dir: string;
  port: number;
  appPort: number;
  storageDir: string;
  /** More http-level configuration (the benchmark adds a plain static server). */
  extraHttp?: string;
}) {
  return startNginxSite({
    dir,
    port,
    site: "deploy/nginx/rehearsalhub.conf",
    substitutions: [
      ["server 127.0.0.1:3000;", `server 127.0.0.1:${appPort};`],
      ["alias /srv/rehearsalhub/.data/audio/;", `alias ${path.resolve(storageDir)}/;`],
    ],
    extraHttp,
  });
}

/**
 * nginx with the shipped deploy/nginx/rehearsalhub-scale-out.conf: its two
 * marked upstream instances replaced by `appPorts`, listen port and server name.
 */
export async function startScaleOutNginx({ dir, port, appPorts, extraHttp = "" }: { dir: string; port: number; appPorts: [number, number]; extraHttp?: string }) {
  return startNginxSite({
    dir,
    port,
    site: "deploy/nginx/rehearsalhub-scale-out.conf",
    substitutions: [
      ["server 127.0.0.1:3001 ", `server 127.0.0.1:${appPorts[0]} `],
      ["server 127.0.0.1:3002 ", `server 127.0.0.1:${appPorts[1]} `],
    ],
    extraHttp,
  });
}

async function startNginxSite({ dir, port, site: siteFile, substitutions, extraHttp }: {
  dir: string;
  port: number;
  site: string;
  substitutions: [string, string][];
  extraHttp: string;
}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "logs"), { recursive: true });
  let site = fs.readFileSync(path.resolve(siteFile), "utf8");
  for (const [from, to] of [...substitutions, ["listen 80;", `listen 127.0.0.1:${port};`], ["server_name rehearsalhub.example.com;", "server_name localhost;"]]) {
    site = substituteOnce(siteFile, site, from!, to!);
  }
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  const main = [
    // As root (CI), workers would otherwise run as nobody and might not read the test's files.
    ...(process.getuid?.() === 0 ? ["user root;"] : []),
    "worker_processes 1;",
    `pid ${path.join(dir, "nginx.pid")};`,
    `error_log ${path.join(dir, "logs/error.log")} warn;`,
    "events { worker_connections 1024; }",
    "http {",
    "  access_log off;",
    "  default_type application/octet-stream;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((n) => `  ${temp(n)}`),
    site,
    extraHttp,
    "}",
  ].join("\n");
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, main);
  const child: ChildProcess = spawn(nginxBinary(), ["-p", dir, "-c", conf, "-e", path.join(dir, "logs/error.log"), "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGQUIT");
    await exited;
  };
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${fs.readFileSync(path.join(dir, "logs/error.log"), "utf8")}`);
    if (await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false)) return { origin, stop, pid: child.pid! };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`nginx did not answer: ${stderr}`);
}
