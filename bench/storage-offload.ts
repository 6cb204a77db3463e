/**
 * `npm run bench:offload`: who sends a take's bytes, measured in ONE run on the
 * same take (the machine is shared: compare the ratios, not absolute numbers
 * across runs). Every target is the real app started as `npm start` starts it
 * (the same production build, one PostgreSQL database), the same access check
 * on every request:
 *
 * - local disk, the app sends the bytes;
 * - local disk, AUDIO_OFFLOAD=x-accel, nginx (deploy/nginx/rehearsalhub.conf) sends them;
 * - S3 (s3rver), the app streams them from the bucket;
 * - S3, AUDIO_OFFLOAD=presigned: the app redirects, the client fetches from the bucket;
 * - S3, the app sends, two instances behind nginx (deploy/nginx/rehearsalhub-scale-out.conf)
 *   against one instance behind the same nginx.
 *
 * For each: random 64 KiB ranges (requests/s) and whole-file GETs (MiB/s), with
 * CONCURRENCY clients that follow redirects as a browser does; the median of
 * BENCH_ROUNDS rounds of BENCH_SECONDS each. The database: BENCH_DATABASE_URL's
 * server, else the machine's PostgreSQL (E2E_POSTGRES_URL); a scratch database
 * is made and dropped. BENCH_PORT: the first of nine ports it uses.
 * BENCH_QUICK=1 (or --quick): one round of 1 s. Everything it starts is
 * stopped when it ends, fails or is interrupted (bench/lib/processes.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { startNginx, startScaleOutNginx } from "../e2e/support/nginx";
import { createScratchDatabase, startServedInstance, type ServedInstance } from "../e2e/support/served-instance";
import { startS3Server } from "../src/test/s3-server";
import { makeWav } from "../src/test/wav";
import { onStop, quick, runBench } from "./lib/processes";

const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 5));
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 2));
const base = Number(process.env.BENCH_PORT ?? 3370);
const CONCURRENCY = 16;
const RANGE_BYTES = 64 * 1024;
const runDir = path.resolve(".data/bench", `offload-${Date.now().toString(36)}`);
const log = (line: string) => console.log(`[bench] ${line}`);

/** `redirectsOnly`: count the app's 307 answers without following them (what the app itself does per request). */
type Target = { name: string; url: string; redirectsOnly?: boolean };
type Figures = { rangesPerSecond: number; fullMiBPerSecond: number; errors: number };

/** CONCURRENCY clients for `seconds`, each asking again as soon as an answer is complete. */
async function load(url: string, cookie: string, size: number, mode: "range" | "full", redirectsOnly = false): Promise<{ requests: number; bytes: number; errors: number; ms: number }> {
  let requests = 0;
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const headers: Record<string, string> = { cookie };
      if (mode === "range") {
        const start = Math.floor(Math.random() * (size - RANGE_BYTES));
        headers.range = `bytes=${start}-${start + RANGE_BYTES - 1}`;
      }
      try {
        const response = await fetch(url, { headers, redirect: redirectsOnly ? "manual" : "follow" });
        const body = Buffer.from(await response.arrayBuffer());
        if (redirectsOnly) {
          if (response.status === 307 && response.headers.get("location")) requests++;
          else errors++;
        } else if (response.status !== (mode === "range" ? 206 : 200) || body.length !== (mode === "range" ? RANGE_BYTES : size)) errors++;
        else {
          requests++;
          bytes += body.length;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return { requests, bytes, errors, ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** One round of one target: ranges, then whole files (not for redirects alone). */
async function roundOf(target: Target, cookie: string, size: number): Promise<{ ranges: number; full: number; errors: number }> {
  const r = await load(target.url, cookie, size, "range", target.redirectsOnly);
  if (target.redirectsOnly) return { ranges: r.requests / (r.ms / 1000), full: NaN, errors: r.errors };
  const f = await load(target.url, cookie, size, "full");
  return { ranges: r.requests / (r.ms / 1000), full: f.bytes / (1024 * 1024) / (f.ms / 1000), errors: r.errors + f.errors };
}

async function main() {
  fs.mkdirSync(runDir, { recursive: true });
  onStop("run directory", () => fs.rmSync(runDir, { recursive: true, force: true }));
  const db = await createScratchDatabase("rehearsalhub_bench_offload", process.env.BENCH_DATABASE_URL || undefined);
  onStop("scratch database", () => db.drop());
  const s3 = await startS3Server({ port: base + 8, directory: path.join(runDir, "s3") });
  onStop("s3rver", () => s3.close());
  const storageDir = path.join(runDir, "audio");
  const common = { DATABASE_URL: db.url, AUTH_SECRET: randomBytes(32).toString("base64url"), LOG_LEVEL: "warn", SIGNIN_LIMIT_PER_IP: "off" };

  const started: ServedInstance[] = [];
  const start = async (n: number, env: Record<string, string>) => {
    const instance = await startServedInstance({ port: base + n, dataDir: path.join(runDir, `instance-${n}`), env: { ...common, APP_URL: `http://127.0.0.1:${base + n}`, ...env }, startSeconds: 600 });
    started.push(instance);
    onStop(`app instance ${n}`, () => instance.stop());
    return instance;
  };
  log("starting the app instances (the first start builds the app when needed)…");
  const localApp = await start(0, { STORAGE: "local", STORAGE_DIR: storageDir });

  // One take of ~5.3 MB, the same key in both stores; a member with a session.
  const audio = makeWav({ seconds: 60, sampleRate: 44_100, channels: 1 });
  const seed = new pg.Client({ connectionString: db.url });
  await seed.connect();
  const userId = randomUUID();
  const bandId = randomUUID();
  const songId = randomUUID();
  const versionId = randomUUID();
  const token = randomBytes(32).toString("hex");
  const storageKey = `bands/${bandId}/${randomUUID()}.wav`;
  await seed.query(`INSERT INTO "User" (id, email, "emailVerified", "updatedAt") VALUES ($1, $2, now(), now())`, [userId, `bench.${userId.slice(0, 8)}@example.test`]);
  await seed.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [randomUUID(), token, userId]);
  await seed.query(`INSERT INTO "Band" (id, name, "updatedAt") VALUES ($1, 'Bench', now())`, [bandId]);
  await seed.query(`INSERT INTO "BandMember" (id, "bandId", "userId", role, "updatedAt") VALUES ($1, $2, $3, 'OWNER', now())`, [randomUUID(), bandId, userId]);
  await seed.query(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES ($1, $2, 'Bench song', now())`, [songId, bandId]);
  await seed.query(
    `INSERT INTO "Version" (id, "bandId", "songId", "uploaderId", "storageKey", "originalName", "contentType", "sizeBytes", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, 'bench.wav', 'audio/wav', $6, now())`,
    [versionId, bandId, songId, userId, storageKey, audio.length],
  );
  await seed.end();
  fs.mkdirSync(path.dirname(path.join(storageDir, storageKey)), { recursive: true });
  fs.writeFileSync(path.join(storageDir, storageKey), audio);
  const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.config.credentials! });
  await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: storageKey, Body: audio }));
  client.destroy();

  const localOffload = await start(1, { STORAGE: "local", STORAGE_DIR: storageDir, AUDIO_OFFLOAD: "x-accel" });
  const xAccel = await startNginx({ dir: path.join(runDir, "nginx-x-accel"), port: base + 2, appPort: localOffload.port, storageDir });
  onStop("nginx (x-accel)", () => xAccel.stop());
  const s3App = await start(3, s3.env);
  const s3Presigned = await start(4, { ...s3.env, AUDIO_OFFLOAD: "presigned" });
  const s3Second = await start(5, s3.env);
  const two = await startScaleOutNginx({ dir: path.join(runDir, "nginx-two"), port: base + 6, appPorts: [s3App.port, s3Second.port] });
  onStop("nginx (two instances)", () => two.stop());
  const one = await startScaleOutNginx({ dir: path.join(runDir, "nginx-one"), port: base + 7, appPorts: [s3App.port, s3App.port] });
  onStop("nginx (one instance)", () => one.stop());

  const stream = (origin: string) => `${origin}/api/versions/${versionId}/stream`;
  const targets: Target[] = [
    { name: "local disk, app sends", url: stream(localApp.origin) },
    { name: "local disk, x-accel (nginx sends)", url: stream(xAccel.origin) },
    { name: "S3, app streams from bucket", url: stream(s3App.origin) },
    { name: "S3, presigned redirect", url: stream(s3Presigned.origin) },
    { name: "S3, presigned: the app's 307s alone", url: stream(s3Presigned.origin), redirectsOnly: true },
    { name: "S3, app sends, 1 instance via nginx", url: stream(one.origin) },
    { name: "S3, app sends, 2 instances via nginx", url: stream(two.origin) },
  ];
  const cookie = `next-auth.session-token=${token}`;
  log(`${targets.length} targets, ${rounds} round(s) of ${seconds} s per mode, ${CONCURRENCY} clients, take ${(audio.length / 1e6).toFixed(1)} MB`);
  // Rounds go over every target in turn, so a change in the machine's load lands on all of them alike.
  for (const target of targets) await load(target.url, cookie, audio.length, "range", target.redirectsOnly).catch(() => undefined);
  const samples = targets.map(() => ({ ranges: [] as number[], full: [] as number[], errors: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const r = await roundOf(target, cookie, audio.length);
      samples[i]!.ranges.push(r.ranges);
      samples[i]!.full.push(r.full);
      samples[i]!.errors += r.errors;
      log(`round ${round + 1}, ${target.name}: ${r.ranges.toFixed(0)} ${target.redirectsOnly ? "redirects" : "ranges"}/s, ${Number.isNaN(r.full) ? "–" : r.full.toFixed(0)} MiB/s`);
    }
  }
  const results: [Target, Figures][] = targets.map((target, i) => [
    target,
    { rangesPerSecond: median(samples[i]!.ranges), fullMiBPerSecond: median(samples[i]!.full), errors: samples[i]!.errors },
  ]);
  const reference = results[0]![1];
  console.log(`\nMedians of ${rounds} round(s), ${seconds} s each, ${CONCURRENCY} clients; ratios against "local disk, app sends" (2 shared cores: load generator included).\n`);
  console.log("| target | 64 KiB ranges/s | x | full-file MiB/s | x | errors |");
  const cell = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
  const ratio = (n: number, of: number) => (Number.isNaN(n) ? "–" : (n / of).toFixed(2));
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const [target, f] of results) {
    console.log(
      `| ${target.name} | ${cell(f.rangesPerSecond)} | ${ratio(f.rangesPerSecond, reference.rangesPerSecond)} | ${cell(f.fullMiBPerSecond)} | ${ratio(f.fullMiBPerSecond, reference.fullMiBPerSecond)} | ${f.errors} |`,
    );
  }
  const single = results.find(([t]) => t.name.includes("1 instance"))![1];
  const double = results.find(([t]) => t.name.includes("2 instances"))![1];
  console.log(`\nTwo instances vs one behind the same nginx: ${(double.rangesPerSecond / single.rangesPerSecond).toFixed(2)}x ranges/s, ${(double.fullMiBPerSecond / single.fullMiBPerSecond).toFixed(2)}x MiB/s.`);
}

runBench(main);
