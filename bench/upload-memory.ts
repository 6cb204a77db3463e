/**
 * `npm run bench:upload`: does a large upload run in flat memory?
 *
 * Starts the app the way `npm start` does (scripts/serve.ts, building when
 * needed) on a throw-away data directory and an embedded PGlite in its own
 * process, seeds a member with a database session, then uploads generated WAV
 * files of 64 MiB, 256 MiB and 1 GiB (a real header, silent samples) through
 * the multipart upload route, one after the other, while sampling the
 * server's resident memory. Prints one row per upload: time, throughput, RSS
 * before and the largest RSS seen during it. BENCH_STORAGE=s3 stores into a
 * bucket on s3rver (started here, outside the measured process tree) instead
 * of local disk: multipart parts in flight are the upload's memory then.
 */
import type { ChildProcess } from "node:child_process";
import { startDbServer } from "./start-db-server";
import { onStop, quick, runBench, spawnGroup } from "./lib/processes";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../src/server/db/client";
import { startS3Server } from "../src/test/s3-server";
import { wavHeader } from "../src/test/wav";
import { treeRssMiB } from "./process-rss";

const MiB = 1024 * 1024;
const sizes = (process.env.BENCH_UPLOAD_MIB ?? (quick ? "8" : "64,256,1024")).split(",").map((s) => Number(s) * MiB);
const port = Number(process.env.BENCH_PORT ?? 3191);
const referencePort = port + 1;
const log = (line: string) => console.log(`[bench:upload] ${line}`);
/** Bytes of multipart framing around the file (the boundary is a UUID, so its length is fixed). */
const multipartOverhead = Buffer.byteLength(
  `--${"-".repeat(4)}rehearsalhub${"0".repeat(36)}\r\nContent-Disposition: form-data; name="file"; filename="long-jam.wav"\r\nContent-Type: application/octet-stream\r\n\r\n` + `\r\n--${"-".repeat(4)}rehearsalhub${"0".repeat(36)}--\r\n`,
);

async function seed(databaseUrl: string) {
  const db = createPrismaClient(databaseUrl);
  try {
    const user = await db.user.create({ data: { email: `upload-${randomUUID().slice(0, 8)}@example.test`, emailVerified: new Date() } });
    const sessionToken = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
    const band = await db.band.create({ data: { name: "Upload bench", members: { create: { userId: user.id, role: "OWNER" } } } });
    const song = await db.song.create({ data: { bandId: band.id, title: "Very long jam" } });
    return { cookie: `next-auth.session-token=${sessionToken}`, path: `/api/bands/${band.id}/songs/${song.id}/versions` };
  } finally {
    await db.$disconnect();
  }
}

async function startApp(dataDir: string, databaseUrl: string, storageEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawnGroup("app", process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(dataDir, "app"), DATABASE_URL: databaseUrl, MAX_UPLOAD_MB: "4096", ...storageEnv },
  });
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error("the app exited during start-up");
    const ok = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

/** Streams a multipart body holding a WAV of `size` bytes; nothing of that size is ever in this process's memory. */
async function startReference(dir: string): Promise<ChildProcess> {
  const child = spawnGroup("plain Node receiver", process.execPath, ["--import", "tsx", "bench/plain-node-receiver.ts", dir, String(referencePort)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the plain Node receiver exited (${code})`)));
  });
  return child;
}

function upload(target: { cookie: string; path: string; port: number }, size: number): Promise<{ status: number; body: string }> {
  const boundary = `----rehearsalhub${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long-jam.wav"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const silence = Buffer.alloc(MiB);
  if (head.length + tail.length !== multipartOverhead) throw new Error("multipart framing changed");
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.path,
        method: "POST",
        headers: { cookie: target.cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": head.length + size + tail.length },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    const write = async () => {
      const chunks: Buffer[] = [head, wavHeader(size - 44)];
      for (const chunk of chunks) if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      let left = size - 44;
      while (left > 0) {
        const piece = left >= silence.length ? silence : silence.subarray(0, left);
        left -= piece.length;
        if (!req.write(piece)) await new Promise((r) => req.once("drain", r));
      }
      req.end(tail);
    };
    write().catch(reject);
  });
}

type Measured = { seconds: number; before: number; peak: number };

/** One upload of `size` bytes to `target`, sampling the resident memory of `pid`'s process tree meanwhile. */
async function measureUpload(target: { cookie: string; path: string; port: number }, size: number, pid: number, expectStored: number): Promise<Measured> {
  const before = treeRssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(pid))), 100);
  const started = performance.now();
  let result: { status: number; body: string };
  try {
    result = await upload(target, size);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, treeRssMiB(pid));
  if (result.status !== 201) throw new Error(`upload of ${size / MiB} MiB to port ${target.port} answered ${result.status}: ${result.body.slice(0, 200)}`);
  const stored = (JSON.parse(result.body) as { sizeBytes: number }).sizeBytes;
  if (stored !== expectStored) throw new Error(`stored ${stored} bytes, expected ${expectStored}`);
  return { seconds, before, peak };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bench-upload-"));
  onStop("data directory", () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const databaseUrl = await startDbServer(path.join(dataDir, "db"));
  log("database ready");
  const target = await seed(databaseUrl);
  const s3 = process.env.BENCH_STORAGE === "s3" ? await startS3Server({ directory: path.join(dataDir, "s3") }) : null;
  if (s3) onStop("s3rver", () => s3.close());
  log(`starting the app as npm start does (builds when needed), storage: ${s3 ? "S3 (s3rver)" : "local disk"}…`);
  const app = await startApp(dataDir, databaseUrl, s3?.env ?? {});
  const reference = await startReference(path.join(dataDir, "reference"));
  const rows: string[][] = [];
  for (const size of sizes) {
    // The multipart body the app parses is what the reference writes whole.
    const body = size + multipartOverhead;
    const ref = await measureUpload({ ...target, port: referencePort }, size, reference.pid!, body);
    const got = await measureUpload({ ...target, port }, size, app.pid!, size);
    const mibps = (m: Measured) => size / MiB / m.seconds;
    for (const [name, m] of [["plain Node receiver (reference)", ref], ["app upload route", got]] as const) {
      rows.push([`${size / MiB} MiB`, name, m.seconds.toFixed(2), mibps(m).toFixed(0), m.before.toFixed(0), m.peak.toFixed(0), (m.peak - m.before).toFixed(0)]);
    }
    rows.push([`${size / MiB} MiB`, "app / reference", `+${((got.seconds - ref.seconds) * 1000).toFixed(0)} ms`, `${(mibps(got) / mibps(ref)).toFixed(2)}x`, "", "", ""]);
    log(`${size / MiB} MiB: 201 in ${got.seconds.toFixed(1)} s (reference ${ref.seconds.toFixed(1)} s)`);
  }
  console.log(`\nserver = the process tree of each server (the app's launcher included, embedded database excluded), Node ${process.version}\n`);
  const header = ["upload", "server", "seconds", "MiB/s", "RSS before MiB", "RSS peak MiB", "growth MiB"];
  console.log(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

runBench(main);
