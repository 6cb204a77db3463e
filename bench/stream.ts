/**
 * `npm run bench` / `npm run bench:stream`: how fast the audio routes serve
 * bytes, what the membership check costs, and what offloading to nginx buys,
 * all measured in ONE run on the same files (the machine is shared: compare
 * the ratios, not absolute numbers across runs).
 *
 * Builds its own copy of the app (under .data/bench/app, rebuilt only when the
 * sources change) with two extra routes that exist only in that build:
 * /api/bench-bare (the new Pages Router file serving with no check at all) and
 * /api/bench-app-router/[versionId] (the App Router stream route as it was,
 * the baseline). Starts the database (embedded PGlite in its own process, or
 * BENCH_DATABASE_URL), that build twice (one instance as is, one with
 * AUDIO_OFFLOAD=x-accel), nginx from deploy/nginx/rehearsalhub.conf in front
 * of the second plus a plain static server, and plain Node http + fs as the
 * reference, and a custom Node server in front of Next's handler (the other
 * way to keep Content-Length) serving the stream route with the same handler. Then:
 *
 * - random 64 KiB ranges (autocannon) and full-file GETs (~5.3 MB, bytes
 *   counted as they arrive), concurrency 32, for each target: req/s, p50/p99
 *   latency, MiB/s, server RSS;
 * - 8 slow clients on a ~100 MB take through the checked route: RSS added;
 * - 1000 streams aborted at random moments: files left open on the server.
 *
 * and prints the table with the targets' ratios. BENCH_SECONDS (per phase),
 * BENCH_ROUNDS, BENCH_PORT (uses it and the next five ports); BENCH_QUICK=1
 * (or --quick): 1 s phases, 1 round, 50 aborted streams, a 10 MB big take.
 * Everything it starts is stopped when it ends, fails or is interrupted
 * (bench/lib/processes.ts).
 */
import type { ChildProcess } from "node:child_process";
import { startDbServer } from "./start-db-server";
import { onStop, quick, runBench, runToEnd, spawnGroup } from "./lib/processes";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import autocannon, { type Result } from "autocannon";
import { startNginx } from "../e2e/support/nginx";
import { createPrismaClient } from "../src/server/db/client";
import { LocalDiskStorage } from "../src/server/storage/local-disk";
import { openFilesUnder } from "../src/test/process-files";
import { makeWav, wavHeader } from "../src/test/wav";
import { treeRssMiB } from "./process-rss";

const repo = process.cwd();
const benchRoot = path.resolve(".data/bench");
const appDir = path.join(benchRoot, "app");
const runDir = path.join(benchRoot, `run-${Date.now().toString(36)}`);
const basePort = Number(process.env.BENCH_PORT ?? 3190);
const ports = { app: basePort, offloadApp: basePort + 1, nginx: basePort + 2, nginxStatic: basePort + 3, plain: basePort + 4, custom: basePort + 5 };
const origin = `http://127.0.0.1:${ports.app}`;
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 5));
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 2));
const CONNECTIONS = 32;
const RANGE_BYTES = 64 * 1024;
const SLOW_CLIENTS = 8;
const SLOW_SECONDS = quick ? 2 : Math.max(6, seconds + 2);
const ABORTED_STREAMS = quick ? 50 : 1000;
const BIG_TAKE_BYTES = (quick ? 10 : 100) * 1024 * 1024;
const nextBin = path.resolve("node_modules/next/dist/bin/next");

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------- the build
const COPIED = ["src", "public", "next.config.mjs", "tsconfig.json", "package.json", "postcss.config.mjs"];
const FIXTURES: [string, string][] = [
  ["bench/fixtures/bare-take-route.ts", "src/pages/api/bench-bare.ts"],
  ["bench/fixtures/app-router-stream-route.ts", "src/app/api/bench-app-router/[versionId]/route.ts"],
  ["bench/fixtures/custom-server.ts", "custom-server.ts"],
];

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

async function prepareBuild(env: NodeJS.ProcessEnv) {
  const stamp = path.join(appDir, ".next", "bench-stamp");
  const print = fingerprint();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === print) {
    log("reusing the benchmark build (sources unchanged)");
    return;
  }
  log("building the benchmark's copy of the app (with the bare and baseline routes)…");
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(appDir, { recursive: true });
  for (const entry of COPIED) {
    // Tests are not part of the app; leaving them out also keeps the build's type check short.
    if (fs.existsSync(entry)) fs.cpSync(entry, path.join(appDir, entry), { recursive: true, filter: (src) => !/\.test\.tsx?$/.test(src) });
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(appDir, "node_modules"), "dir");
  for (const [from, to] of FIXTURES) {
    fs.mkdirSync(path.dirname(path.join(appDir, to)), { recursive: true });
    fs.copyFileSync(from, path.join(appDir, to));
  }
  const started = Date.now();
  await runToEnd("the benchmark build", process.execPath, [nextBin, "build"], {
    cwd: appDir,
    stdio: ["ignore", "ignore", "inherit"],
    // Like `npm start`, the build runs with a database (some pages render at build time).
    env: { ...env, NEXT_DIST_DIR: ".next" },
  });
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
  return startDbServer(dataDir);
}

type Take = { versionId: string; storageKey: string; file: string; size: number };

async function seed(databaseUrl: string, storageDir: string) {
  const db = createPrismaClient(databaseUrl);
  const storage = new LocalDiskStorage(storageDir);
  try {
    const suffix = randomUUID().slice(0, 8);
    const user = await db.user.create({ data: { email: `bench-${suffix}@example.test`, name: "Bench", emailVerified: new Date() } });
    const sessionToken = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
    const band = await db.band.create({ data: { name: `Bench band ${suffix}`, members: { create: { userId: user.id, role: "OWNER" } } } });
    const song = await db.song.create({ data: { bandId: band.id, title: "Benchmark song" } });
    const addTake = async (bytes: Buffer, name: string): Promise<Take> => {
      const storageKey = `bands/${band.id}/${randomUUID()}.wav`;
      await storage.put(storageKey, Readable.from([bytes]));
      const version = await db.version.create({
        data: { bandId: band.id, songId: song.id, uploaderId: user.id, storageKey, originalName: name, contentType: "audio/wav", sizeBytes: BigInt(bytes.length) },
      });
      return { versionId: version.id, storageKey, file: path.join(storageDir, storageKey), size: bytes.length };
    };
    const wav = makeWav({ seconds: 30, sampleRate: 44_100, channels: 2 }); // ~5.3 MB
    const bigData = BIG_TAKE_BYTES;
    const takes = {
      main: await addTake(wav, "bench.wav"),
      // The same bytes under other keys, so each route's aborted streams are counted on their own file.
      abortNew: await addTake(wav, "abort-new.wav"),
      abortBaseline: await addTake(wav, "abort-baseline.wav"),
      big: await addTake(Buffer.concat([wavHeader(bigData), Buffer.alloc(bigData)]), "big.wav"),
    };
    return { cookie: `next-auth.session-token=${sessionToken}`, takes, wav };
  } finally {
    await db.$disconnect();
  }
}

// ------------------------------------------------------------------ servers
async function waitFor(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited during start-up`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start`);
}

async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawnGroup(`the app on ${port}`, process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: appDir, stdio: ["ignore", "ignore", "inherit"], env });
  await waitFor(`http://127.0.0.1:${port}/api/auth/csrf`, child, "the app");
  return child;
}

async function startCustomServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawnGroup("the custom server", process.execPath, ["--import", "tsx", "custom-server.ts", String(ports.custom)], { cwd: appDir, stdio: ["ignore", "ignore", "inherit"], env });
  await waitFor(`http://127.0.0.1:${ports.custom}/api/auth/csrf`, child, "the custom server");
  return child;
}

async function startPlainNode(file: string): Promise<ChildProcess> {
  const child = spawnGroup("the plain Node server", process.execPath, ["--import", "tsx", "bench/plain-node-server.ts", file, String(ports.plain)], { stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(`http://127.0.0.1:${ports.plain}/`, child, "the plain Node server");
  return child;
}

// -------------------------------------------------------------------- load
type Target = { name: string; url: string; cookie?: string; pid: number };
type Phase = { rps: number; p50: number; p99: number; mibps: number; rssMax: number; bad: number };

async function measure(target: Target, size: number, kind: "ranges" | "full", duration: number): Promise<Phase> {
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, treeRssMiB(target.pid))), 250);
  const cookie: Record<string, string> = target.cookie ? { cookie: target.cookie } : {};
  const randomRange = () => {
    const start = Math.floor(Math.random() * (size - RANGE_BYTES));
    return `bytes=${start}-${start + RANGE_BYTES - 1}`;
  };
  let result: Result;
  try {
    result = await autocannon({
      url: target.url,
      connections: CONNECTIONS,
      duration,
      headers: cookie,
      requests: [
        kind === "ranges"
          ? { method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...cookie, range: randomRange() } }) }
          : { method: "GET" },
      ],
    });
  } finally {
    clearInterval(sampler);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mibps: result.throughput.average / 1024 / 1024,
    rssMax,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Full-file GETs at concurrency 32, counting bytes as they arrive. autocannon
 * counts a response's bytes only once it completes, which for 5 MB bodies on
 * a busy two-core machine (a few per connection per phase) is too coarse.
 */
async function measureFullFiles(target: Target, duration: number): Promise<Phase> {
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, treeRssMiB(target.pid))), 250);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers: Record<string, string> = target.cookie ? { cookie: target.cookie } : {};
  const deadline = performance.now() + duration * 1000;
  const latencies: number[] = [];
  let bytes = 0;
  let bad = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(target.url, { agent, headers }, (response) => {
        if (response.statusCode !== 200) bad++;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (performance.now() > deadline) request.destroy();
        });
        response.on("end", () => latencies.push(performance.now() - started));
        response.on("close", () => resolve());
      });
      request.on("error", () => resolve());
    });
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < deadline) await one();
      }),
    );
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { rps: latencies.length / duration, p50: at(0.5), p99: at(0.99), mibps: bytes / duration / 1024 / 1024, rssMax, bad };
}

async function sanityCheck(targets: Target[], wav: Buffer, refusing: Target[]) {
  const expected = wav.subarray(1000, 66536);
  for (const target of targets) {
    const response = await fetch(target.url, { headers: { ...(target.cookie ? { cookie: target.cookie } : {}), range: "bytes=1000-66535" } });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 206 || !body.equals(expected)) throw new Error(`sanity check failed for ${target.name}: ${response.status}`);
  }
  for (const target of refusing) {
    const anonymous = await fetch(target.url, { headers: { range: "bytes=0-1" } });
    await anonymous.arrayBuffer();
    if (anonymous.status !== 401) throw new Error(`${target.name} let an anonymous caller through (${anonymous.status})`);
  }
  log(`sanity: every target returns the same 206 bytes; ${refusing.map((t) => t.name).join(", ")} refuse anonymous callers (401)`);
}

/** 8 clients reading a ~100 MB take at ~512 KiB/s each: the server must not buffer what they have not taken. */
async function slowClients(url: string, cookie: string, pid: number) {
  const settle = () => new Promise((r) => setTimeout(r, 500));
  await settle();
  const before = treeRssMiB(pid);
  let rssMax = before;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, treeRssMiB(pid))), 200);
  const { port, pathname } = new URL(url);
  let received = 0;
  await Promise.all(
    Array.from({ length: SLOW_CLIENTS }, () =>
      new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), "127.0.0.1", () => {
          socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
        });
        socket.on("error", () => {});
        socket.on("data", (chunk: Buffer) => {
          received += chunk.length;
          socket.pause();
          // ~512 KiB/s: a chunk (up to 64 KiB) every 125 ms.
          setTimeout(() => socket.resume(), 125);
        });
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, SLOW_SECONDS * 1000);
      }),
    ),
  );
  clearInterval(sampler);
  return { before, rssMax, added: rssMax - before, receivedMiB: received / 1024 / 1024 };
}

/** Streams dropped at random moments (at once, after the headers, mid-body); then the files still open on the server. */
async function abortedStreams(url: string, cookie: string, pid: number, file: string) {
  const { port, pathname } = new URL(url);
  let left = ABORTED_STREAMS;
  const one = () =>
    new Promise<void>((resolve) => {
      const moment = Math.random();
      const range = Math.random() < 0.5 ? "" : `Range: bytes=${Math.floor(Math.random() * 1_000_000)}-\r\n`;
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n${range}Connection: close\r\n\r\n`, () => {
          if (moment < 0.4) setTimeout(() => socket.destroy(), Math.random() * 3);
        });
      });
      const budget = Math.random() * 2 * 1024 * 1024;
      let received = 0;
      socket.on("error", () => {});
      socket.on("close", () => resolve());
      socket.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (moment < 0.7 || received > budget) socket.destroy();
      });
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) await one();
    }),
  );
  await new Promise((r) => setTimeout(r, 2000));
  return openFilesUnder(pid, file).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const lines = rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`);
  lines.splice(1, 0, `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  console.log(lines.join("\n"));
}

async function main() {
  const started = Date.now();
  const dataDir = path.join(runDir, "data");
  const storageDir = path.join(dataDir, "audio");
  fs.mkdirSync(storageDir, { recursive: true });
  onStop("run directory", () => fs.rmSync(runDir, { recursive: true, force: true }));
  const databaseUrl = await startDatabase(dataDir);
  log(`database: ${process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "embedded PGlite (own process)"}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    STORAGE_DIR: storageDir,
    DATABASE_URL: databaseUrl,
    APP_URL: origin,
    NEXTAUTH_URL: origin,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIO_OFFLOAD: "",
    NEXT_DIST_DIR: ".next",
  };
  await prepareBuild(env);
  const { cookie, takes, wav } = await seed(databaseUrl, storageDir);
  const app = await startApp({ ...env, PORT: String(ports.app), BENCH_BARE_KEY: takes.main.storageKey }, ports.app);
  await startApp({ ...env, PORT: String(ports.offloadApp), AUDIO_OFFLOAD: "x-accel" }, ports.offloadApp);
  const nginx = await startNginx({
    dir: path.join(runDir, "nginx"),
    port: ports.nginx,
    appPort: ports.offloadApp,
    storageDir,
    // nginx on its own, as fast as it serves a static file: what offloading is measured against.
    extraHttp: `server { listen 127.0.0.1:${ports.nginxStatic}; location /bench-static/ { alias ${storageDir}/; sendfile on; tcp_nopush on; max_ranges 1; } }`,
  });
  onStop("nginx", nginx.stop);
  const plain = await startPlainNode(takes.main.file);
  const custom = await startCustomServer({ ...env, PORT: String(ports.custom) });

  const stream = (id: string) => `${origin}/api/versions/${id}/stream`;
  const targets: Target[] = [
    { name: "plain Node http + fs (reference)", url: `http://127.0.0.1:${ports.plain}/`, pid: plain.pid! },
    { name: "App Router route (baseline)", url: `${origin}/api/bench-app-router/${takes.main.versionId}`, cookie, pid: app.pid! },
    { name: "new route, checked", url: stream(takes.main.versionId), cookie, pid: app.pid! },
    { name: "new route, unchecked", url: `${origin}/api/bench-bare`, pid: app.pid! },
    { name: "custom Node server, checked", url: `http://127.0.0.1:${ports.custom}/api/versions/${takes.main.versionId}/stream`, cookie, pid: custom.pid! },
    { name: "nginx direct (static)", url: `http://127.0.0.1:${ports.nginxStatic}/bench-static/${takes.main.storageKey}`, pid: nginx.pid },
    { name: "nginx + x-accel offload", url: `${nginx.origin}/api/versions/${takes.main.versionId}/stream`, cookie, pid: nginx.pid },
  ];
  const [reference, baseline, checked, unchecked, customServer, nginxDirect, offload] = targets as [Target, Target, Target, Target, Target, Target, Target];
  await sanityCheck(targets, wav, [baseline, checked, customServer, offload]);

  log("warming up…");
  for (const target of targets) await measure(target, wav.length, "ranges", 1);

  const results: Record<string, Phase[]> = {};
  for (const kind of ["ranges", "full"] as const) {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round, so drift on a shared machine hits every target alike.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const target of order) {
        const phase = kind === "ranges" ? await measure(target, wav.length, kind, seconds) : await measureFullFiles(target, seconds);
        (results[`${kind}:${target.name}`] ??= []).push(phase);
        log(`${kind.padEnd(6)} ${target.name.padEnd(33)} round ${round + 1}: ${phase.rps.toFixed(0)} req/s, ${phase.mibps.toFixed(0)} MiB/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms${phase.bad ? `, ${phase.bad} bad` : ""}`);
      }
    }
  }

  log(`${SLOW_CLIENTS} slow clients on a ${(takes.big.size / 1024 / 1024).toFixed(0)} MiB take for ${SLOW_SECONDS} s…`);
  const slow = await slowClients(stream(takes.big.versionId), cookie, app.pid!);
  log(`${ABORTED_STREAMS} streams aborted at random moments, on each route…`);
  const leftOpenNew = await abortedStreams(stream(takes.abortNew.versionId), cookie, app.pid!, takes.abortNew.file);
  const leftOpenBaseline = await abortedStreams(`${origin}/api/bench-app-router/${takes.abortBaseline.versionId}`, cookie, app.pid!, takes.abortBaseline.file);

  const agg = (kind: string, target: Target) => {
    const phases = results[`${kind}:${target.name}`]!;
    return {
      rps: median(phases.map((p) => p.rps)),
      mibps: median(phases.map((p) => p.mibps)),
      p50: median(phases.map((p) => p.p50)),
      p99: median(phases.map((p) => p.p99)),
      rss: Math.max(...phases.map((p) => p.rssMax)),
      bad: phases.reduce((n, p) => n + p.bad, 0),
    };
  };
  const rows: string[][] = [["scenario", "target", "req/s", "MiB/s", "p50 ms", "p99 ms", "server RSS max MiB", "non-2xx/errors"]];
  const summary: Record<string, unknown> = {};
  for (const kind of ["ranges", "full"] as const) {
    const label = kind === "ranges" ? "random 64 KiB ranges" : `full file (${(wav.length / 1e6).toFixed(1)} MB)`;
    for (const target of targets) {
      const r = agg(kind, target);
      rows.push([label, target.name, r.rps.toFixed(0), r.mibps.toFixed(0), String(r.p50), String(r.p99), r.rss.toFixed(0), String(r.bad)]);
      summary[`${kind}:${target.name}`] = r;
    }
  }
  console.log(`\nconcurrency ${CONNECTIONS}, ${rounds} × ${seconds} s per target and scenario (medians), Node ${process.version}\n`);
  printTable(rows);

  const ratio = (a: number, b: number) => a / b;
  const checks: [string, number, string, boolean][] = [];
  const add = (name: string, value: number, target: number, unit = "") => checks.push([name, value, `>= ${target}${unit}`, value >= target]);
  add("checked / unchecked, full files (MiB/s)", ratio(agg("full", checked).mibps, agg("full", unchecked).mibps), 0.9);
  add("checked / unchecked, 64 KiB ranges (req/s)", ratio(agg("ranges", checked).rps, agg("ranges", unchecked).rps), 0);
  add("new checked / App Router baseline, 64 KiB ranges (req/s)", ratio(agg("ranges", checked).rps, agg("ranges", baseline).rps), 2);
  add("new checked / App Router baseline, full files (MiB/s)", ratio(agg("full", checked).mibps, agg("full", baseline).mibps), 0);
  add("offload / nginx direct, full files (MiB/s)", ratio(agg("full", offload).mibps, agg("full", nginxDirect).mibps), 0.8);
  add("offload / nginx direct, 64 KiB ranges (req/s)", ratio(agg("ranges", offload).rps, agg("ranges", nginxDirect).rps), 0);
  add("Pages route / custom Node server, 64 KiB ranges (req/s)", ratio(agg("ranges", checked).rps, agg("ranges", customServer).rps), 0);
  add("Pages route / custom Node server, full files (MiB/s)", ratio(agg("full", checked).mibps, agg("full", customServer).mibps), 0);
  add("new checked / plain Node, 64 KiB ranges (req/s)", ratio(agg("ranges", checked).rps, agg("ranges", reference).rps), 0);
  add("new checked / plain Node, full files (MiB/s)", ratio(agg("full", checked).mibps, agg("full", reference).mibps), 0);
  console.log("");
  printTable([
    ["ratio (same run)", "value", "target", "met"],
    ...checks.map(([name, value, target, met]) => [name, value.toFixed(2), target.endsWith(" 0") ? "(for information)" : target, target.endsWith(" 0") ? "" : met ? "yes" : "NO"]),
  ]);
  console.log("");
  printTable([
    ["resources", "value", "target", "met"],
    [`RSS added by ${SLOW_CLIENTS} slow clients (new route, ~${(takes.big.size / 1e6).toFixed(0)} MB take; ${slow.before.toFixed(0)} -> ${slow.rssMax.toFixed(0)} MiB, ${slow.receivedMiB.toFixed(0)} MiB read)`, `${slow.added.toFixed(1)} MiB`, "< 30 MiB", slow.added < 30 ? "yes" : "NO"],
    [`files left open after ${ABORTED_STREAMS} aborted streams, new route`, String(leftOpenNew), "0", leftOpenNew === 0 ? "yes" : "NO"],
    [`files left open after ${ABORTED_STREAMS} aborted streams, App Router baseline`, String(leftOpenBaseline), "(for information)", ""],
  ]);
  Object.assign(summary, { checks, slow, leftOpenNew, leftOpenBaseline, seconds, rounds });
  fs.mkdirSync("bench/.results", { recursive: true });
  fs.writeFileSync(`bench/.results/stream-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, JSON.stringify(summary, null, 2));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

runBench(main);
