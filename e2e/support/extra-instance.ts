import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appDatabaseUrl } from "./fixtures";
import { e2eDataDir } from "./paths";

export type Instance = { origin: string; pid: number; stop: () => Promise<void> };

/**
 * A second instance of the app, from the build the e2e web server already made
 * (no rebuild), on the same database and data directory: what an operator runs
 * when they add an instance. Tests spawn it when they need the server's pid or
 * a different configuration (e.g. AUDIO_OFFLOAD).
 */
export async function startExtraInstance(port: number, extraEnv: Record<string, string> = {}): Promise<Instance> {
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: e2eDataDir,
      DATABASE_URL: appDatabaseUrl(),
      AUTH_SECRET: fs.readFileSync(path.join(e2eDataDir, "auth-secret"), "utf8").trim(),
      APP_URL: origin,
      NEXTAUTH_URL: origin,
      ...extraEnv,
    },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the extra app instance exited during start-up (${child.exitCode})`);
    if (await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false)) return { origin, pid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("the extra app instance did not start");
}

/** Pids of a process and all its descendants (Linux /proc). */
export function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited while we looked
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parents) if (ppid === pids[i]) pids.push(pid);
  return pids;
}

/** Open file descriptors of the process tree that point at files under `dir`. */
export function openFilesUnder(rootPid: number, dir: string): string[] {
  const prefix = path.resolve(dir) + path.sep;
  const open: string[] = [];
  for (const pid of processTree(rootPid)) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith(prefix)) open.push(target);
      } catch {
        // closed while we looked
      }
    }
  }
  return open;
}
