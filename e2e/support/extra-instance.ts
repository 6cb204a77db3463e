import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appDatabaseUrl } from "./fixtures";
import { e2eDataDir } from "./paths";

export { openFilesUnder } from "../../src/test/process-files";

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
