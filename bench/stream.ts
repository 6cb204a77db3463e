/**
 * `npm run bench` / `npm run bench:stream`: what the membership check costs on
 * the audio stream route.
 *
 * Builds its own copy of the app (under .data/bench/app, rebuilt only when the
 * sources change) with one extra route, /api/bench-bare, that serves the same
 * file through the same code with no check at all. Starts the database
 * (embedded PGlite in its own process, or BENCH_DATABASE_URL) and the built app
 * on a seeded band: a user with a database session cookie, a song and a take
 * whose file is a real ~5 MB WAV. Then, in the same run and alternating the
 * two routes, measures random 64 KiB ranges and full-file GETs at concurrency
 * 32: requests/s, p50/p99 latency and the server's RSS, and prints the ratio
 * checked/bare.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import autocannon, { type Result } from "autocannon";
import { createPrismaClient } from "../src/server/db/client";
import { LocalDiskStorage } from "../src/server/storage/local-disk";
import { makeWav } from "../src/test/wav";
import { treeRssMiB } from "./process-rss";

const repo = process.cwd();
const benchRoot = path.resolve(".data/bench");
const appDir = path.join(benchRoot, "app");
const runDir = path.join(benchRoot, `run-${Date.now().toString(36)}`);
const port = Number(process.env.BENCH_PORT ?? 3190);
const origin = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 32;
const RANGE_BYTES = 64 * 1024;
const nextBin = path.resolve("node_modules/next/dist/bin/next");
const children: ChildProcess[] = [];

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------- the build
const COPIED = ["src", "public", "next.config.mjs", "tsconfig.json", "package.json", "postcss.config.mjs"];

function fingerprint(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    else hash.update(`${p}:${stat.size}:${stat.mtimeMs}\n`);
  };
  [...COPIED, "bench/fixtures", "package-lock.json"].forEach(walk);
  return hash.digest("hex");
}

function prepareBuild(env: NodeJS.ProcessEnv) {
  const stamp = path.join(appDir, ".next", "bench-stamp");
  const print = fingerprint();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === print) {
    log("reusing the benchmark build (sources unchanged)");
    return;
  }
  log("building the benchmark's copy of the app (with the bare route)…");
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(appDir, { recursive: true });
  for (const entry of COPIED) {
    // Tests are not part of the app; leaving them out also keeps the build's type check short.
    if (fs.existsSync(entry)) fs.cpSync(entry, path.join(appDir, entry), { recursive: true, filter: (src) => !/\.test\.tsx?$/.test(src) });
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(appDir, "node_modules"), "dir");
  const bareRoute = path.join(appDir, "src/app/api/bench-bare/route.ts");
  fs.mkdirSync(path.dirname(bareRoute), { recursive: true });
  fs.copyFileSync("bench/fixtures/bare-stream-route.ts", bareRoute);
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: appDir,
    stdio: ["ignore", "ignore", "inherit"],
    // Like `npm start`, the build runs with a database (some pages render at build time).
    env: { ...env, NEXT_DIST_DIR: ".next" },
  });
  if (result.status !== 0) throw new Error("the benchmark build failed");
  fs.writeFileSync(stamp, print);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------- database + seed
async function startDatabase(dataDir: string): Promise<string> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    // A real PostgreSQL (an empty database you created for this): migrate it like `npm start` would.
    const { applyMigrations } = await import("../src/server/db/migrate");
    await applyMigrations(external);
    return external;
  }
  const child = spawn(process.execPath, ["--import", "tsx", "bench/db-server.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`database exited early (${code})`)));
  });
}

async function seed(databaseUrl: string, storageDir: string) {
  const db = createPrismaClient(databaseUrl);
  try {
    const suffix = randomUUID().slice(0, 8);
    const user = await db.user.create({ data: { email: `bench-${suffix}@example.test`, name: "Bench", emailVerified: new Date() } });
    const sessionToken = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
    const band = await db.band.create({ data: { name: `Bench band ${suffix}`, members: { create: { userId: user.id, role: "OWNER" } } } });
    const song = await db.song.create({ data: { bandId: band.id, title: "Benchmark song" } });
    const wav = makeWav({ seconds: 30, sampleRate: 44_100, channels: 2 }); // ~5.3 MB
    const storageKey = `bands/${band.id}/${randomUUID()}.wav`;
    await new LocalDiskStorage(storageDir).put(storageKey, Readable.from([wav]));
    const version = await db.version.create({
      data: { bandId: band.id, songId: song.id, uploaderId: user.id, storageKey, originalName: "bench.wav", contentType: "audio/wav", sizeBytes: BigInt(wav.length), durationSeconds: 30 },
    });
    return { cookie: `next-auth.session-token=${sessionToken}`, versionId: version.id, storageKey, wav };
  } finally {
    await db.$disconnect();
  }
}

// ------------------------------------------------------------------- server
async function startApp(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: appDir,
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("the app exited during start-up");
    const ok = await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the app did not start");
}

// -------------------------------------------------------------------- load
type Phase = { rps: number; p50: number; p99: number; rssMax: number; bad: number };

async function measure(url: string, cookie: string, size: number, kind: "ranges" | "full", serverPid: number, duration: number): Promise<Phase> {
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, treeRssMiB(serverPid))), 250);
  const randomRange = () => {
    const start = Math.floor(Math.random() * (size - RANGE_BYTES));
    return `bytes=${start}-${start + RANGE_BYTES - 1}`;
  };
  let result: Result;
  try {
    result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      headers: { cookie },
      requests: [
        kind === "ranges"
          ? { method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie, range: randomRange() } }) }
          : { method: "GET" },
      ],
    });
  } finally {
    clearInterval(sampler);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rssMax, bad: result.non2xx + result.errors + result.timeouts };
}

async function sanityCheck(cookie: string, checkedUrl: string, bareUrl: string, wav: Buffer) {
  const range = { range: "bytes=1000-66535" };
  const [checked, bare, anonymous] = await Promise.all([
    fetch(checkedUrl, { headers: { cookie, ...range } }),
    fetch(bareUrl, { headers: range }),
    fetch(checkedUrl, { headers: range }),
  ]);
  const [a, b] = [Buffer.from(await checked.arrayBuffer()), Buffer.from(await bare.arrayBuffer())];
  await anonymous.arrayBuffer();
  const expected = wav.subarray(1000, 66536);
  if (checked.status !== 206 || bare.status !== 206 || !a.equals(expected) || !b.equals(expected)) {
    throw new Error(`sanity check failed: checked ${checked.status}, bare ${bare.status}`);
  }
  if (anonymous.status !== 401) throw new Error(`the checked route let an anonymous caller through (${anonymous.status})`);
  log("sanity: both routes return identical 206 bytes; the checked route refuses anonymous callers (401)");
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main() {
  const started = Date.now();
  const dataDir = path.join(runDir, "data");
  const storageDir = path.join(dataDir, "audio");
  fs.mkdirSync(storageDir, { recursive: true });
  const databaseUrl = await startDatabase(dataDir);
  log(`database: ${process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "embedded PGlite (own process)"}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: dataDir,
    STORAGE_DIR: storageDir,
    DATABASE_URL: databaseUrl,
    APP_URL: origin,
    NEXTAUTH_URL: origin,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  prepareBuild(env);
  const seeded = await seed(databaseUrl, storageDir);
  const app = await startApp({ ...env, BENCH_BARE_KEY: seeded.storageKey });
  const urls = { checked: `${origin}/api/versions/${seeded.versionId}/stream`, bare: `${origin}/api/bench-bare` };
  await sanityCheck(seeded.cookie, urls.checked, urls.bare, seeded.wav);

  log("warming up…");
  for (const target of ["bare", "checked"] as const) await measure(urls[target], seeded.cookie, seeded.wav.length, "ranges", app.pid!, 2);

  const results: Record<string, Phase[]> = {};
  for (const kind of ["ranges", "full"] as const) {
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so drift on a shared machine hits both alike.
      const order = round % 2 ? (["checked", "bare"] as const) : (["bare", "checked"] as const);
      for (const target of order) {
        const phase = await measure(urls[target], seeded.cookie, seeded.wav.length, kind, app.pid!, seconds);
        (results[`${kind}:${target}`] ??= []).push(phase);
        log(`${kind.padEnd(6)} ${target.padEnd(7)} round ${round + 1}: ${phase.rps.toFixed(0)} req/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, RSS ${phase.rssMax.toFixed(0)} MiB${phase.bad ? `, ${phase.bad} bad` : ""}`);
      }
    }
  }

  const rows: string[][] = [["scenario", "route", "req/s", "p50 ms", "p99 ms", "server RSS max MiB", "non-2xx/errors"]];
  const summary: Record<string, unknown> = {};
  for (const kind of ["ranges", "full"] as const) {
    const agg = (target: string) => {
      const phases = results[`${kind}:${target}`]!;
      return {
        rps: median(phases.map((p) => p.rps)),
        p50: median(phases.map((p) => p.p50)),
        p99: median(phases.map((p) => p.p99)),
        rss: Math.max(...phases.map((p) => p.rssMax)),
        bad: phases.reduce((n, p) => n + p.bad, 0),
      };
    };
    const bare = agg("bare");
    const checked = agg("checked");
    const label = kind === "ranges" ? "random 64 KiB ranges" : "full file (5.3 MB)";
    for (const [name, r] of [["bare (no check)", bare], ["checked", checked]] as const) {
      rows.push([label, name, r.rps.toFixed(0), String(r.p50), String(r.p99), r.rss.toFixed(0), String(r.bad)]);
    }
    rows.push([label, "ratio checked/bare", (checked.rps / bare.rps).toFixed(2), (checked.p50 / Math.max(bare.p50, 1)).toFixed(2), (checked.p99 / Math.max(bare.p99, 1)).toFixed(2), "", ""]);
    summary[kind] = { bare, checked, ratio: checked.rps / bare.rps };
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`);
  table.splice(1, 0, `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  console.log(`\nconcurrency ${CONNECTIONS}, ${rounds} × ${seconds} s per route and scenario (medians), Node ${process.version}\n`);
  console.log(table.join("\n"));
  fs.mkdirSync("bench/.results", { recursive: true });
  fs.writeFileSync(`bench/.results/stream-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, JSON.stringify(summary, null, 2));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function shutdown(code: number) {
  for (const child of children.reverse()) {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}

main().then(
  () => shutdown(0),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    void shutdown(1);
  },
);
process.on("SIGINT", () => void shutdown(130));
