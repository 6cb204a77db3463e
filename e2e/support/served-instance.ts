import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export type ServedInstance = {
  origin: string;
  port: number;
  pid: number;
  /** Every line the instance printed so far (its JSON access lines included). */
  lines: string[];
  /** Resolves with the exit code once `npm start` has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
};

/**
 * One app instance started exactly as `npm start` starts it (scripts/serve.ts:
 * migrations, the existing build when the sources did not change, then
 * `next start`), with its own data directory and the given environment.
 */
export async function startServedInstance({ port, dataDir, env, startSeconds = 180 }: {
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** How long start-up may take (a first start builds the app). */
  startSeconds?: number;
}): Promise<ServedInstance> {
  fs.mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "info", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const origin = `http://127.0.0.1:${port}`;
  const instance: ServedInstance = {
    origin,
    port,
    pid: child.pid!,
    lines,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  const deadline = Date.now() + startSeconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited during start-up (${child.exitCode}):\n${lines.join("\n")}`);
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return instance;
    await new Promise((r) => setTimeout(r, 100));
  }
  await instance.stop();
  throw new Error(`npm start did not answer:\n${lines.join("\n")}`);
}

/** A PostgreSQL server for the scale-out tests: the machine's, unless E2E_POSTGRES_URL names another (local) one. */
const defaultServer = process.env.E2E_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh database on that server (or on `adminUrl`'s), dropped by `drop()`. */
export async function createScratchDatabase(prefix: string, adminUrl = defaultServer): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
