/**
 * `npm run bench:pipeline`: one 60-minute stereo 44.1 kHz WAV (a minute of
 * generated music looped, under pink noise, the hardest case for the encoder;
 * ~635 MB, made in a temp dir) through the whole pipeline, in one run:
 *
 * - the app as `npm start` runs it (scripts/serve.ts) with WORKER=off, and the
 *   worker as `npm run worker` runs it, in its own process, on the same
 *   database (embedded PGlite in its own process, or BENCH_DATABASE_URL);
 * - the file uploaded through the real upload route, which enqueues its job;
 * - processing time (upload answered -> take READY) against real time
 *   (target <= 1/30), and the pipeline with the music analysis that follows
 *   (upload answered -> analysis READY; target <= 3 minutes for the hour);
 * - the worker's peak resident memory, sampled every 100 ms, for the worker
 *   process alone and with its ffmpeg/ffprobe children (target < 250 MB while
 *   processing, < 350 MB with the analysis);
 * - band.get over HTTP (tRPC, a real session) while idle and while the take
 *   is processed: p50/p99 and the ratio (target p99 <= 2x idle);
 * - the reference, measured in the same run before and after the take is
 *   processed (A B A): the same ffmpeg alone decoding the same file
 *   (`-f null`), and processing time as a ratio to it.
 *
 * BENCH_QUICK=1 (or --quick): a 1-minute file and fewer band.get calls.
 * Everything it starts is stopped when it ends, fails or is interrupted
 * (bench/lib/processes.ts).
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../src/server/db/client";
import { WORKER_START_ARGS } from "../scripts/worker-bundle.mjs";
import { treeRssMiB } from "./process-rss";
import { startDbServer } from "./start-db-server";
import { onStop, quick, runBench, runToEnd, spawnGroup } from "./lib/processes";
import { mediaTools } from "../src/server/media/tools";
import { generateMusic, musicWav } from "../src/test/music/generate-music";

const MINUTES = Number(process.env.BENCH_PIPELINE_MINUTES ?? (quick ? 1 : 60));
const WARM_CALLS = quick ? 10 : 100;
const IDLE_CALLS = quick ? 30 : 300;
const port = Number(process.env.BENCH_PORT ?? 3195);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bench-pipeline-"));
const dataDir = path.join(tmp, "app");
const log = (line: string) => console.log(`[bench:pipeline] ${line}`);

async function startApp(databaseUrl: string): Promise<void> {
  const child = spawnGroup("app", process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, MAX_UPLOAD_MB: "4096", WORKER: "off", LOG_LEVEL: "warn" },
  });
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error("the app exited during start-up");
    if (await fetch(`http://127.0.0.1:${port}/api/auth/csrf`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

function startWorker(databaseUrl: string): ChildProcess {
  // As `npm run worker` starts it (package.json), flags included.
  const child = spawnGroup("worker", process.execPath, [...WORKER_START_ARGS, "--poll-seconds", "0.5"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
  });
  return child;
}

function upload(target: { cookie: string; path: string }, file: string): Promise<{ status: number; body: string }> {
  const boundary = `----rehearsalhub${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hour.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: target.path, method: "POST", headers: { cookie: target.cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": head.length + size + tail.length } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write(head);
    const stream = fs.createReadStream(file);
    stream.pipe(req, { end: false });
    stream.on("end", () => req.end(tail));
  });
}

async function bandGetMs(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`band.get answered ${response.status}`);
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** The reference: the pipeline's own ffmpeg decoding the whole file to nothing, wall time in ms. */
async function decodeAloneMs(ffmpeg: string, file: string): Promise<number> {
  const started = performance.now();
  await runToEnd("ffmpeg (reference)", ffmpeg, ["-v", "error", "-nostdin", "-i", file, "-f", "null", "-"]);
  return performance.now() - started;
}

async function main() {
  onStop("temporary directory", () => fs.rmSync(tmp, { recursive: true, force: true }));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await startDbServer(path.join(tmp, "db")));
  const db = createPrismaClient(databaseUrl);
  const user = await db.user.create({ data: { email: `pipeline-${randomUUID().slice(0, 8)}@example.test`, emailVerified: new Date() } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  const band = await db.band.create({ data: { name: "Pipeline bench", members: { create: { userId: user.id, role: "OWNER" } } } });
  const song = await db.song.create({ data: { bandId: band.id, title: "The long one" } });
  const cookie = `next-auth.session-token=${sessionToken}`;
  const bandGetUrl = `http://127.0.0.1:${port}/api/trpc/band.get?input=${encodeURIComponent(JSON.stringify({ json: { bandId: band.id } }))}`;

  const wav = path.join(tmp, "hour.wav");
  log(`making a ${MINUTES}-minute stereo 44.1 kHz WAV…`);
  const minute = path.join(tmp, "minute.wav");
  const music = generateMusic({ bpm: 120, key: { tonic: "D", mode: "major" }, progression: ["D", "G", "A", "D"], bars: 30, tailSeconds: 0 });
  fs.writeFileSync(minute, musicWav(music.samples, music.sampleRate));
  await runToEnd("ffmpeg (making the file)", "ffmpeg", [
    "-v", "error", "-nostdin", "-y", "-stream_loop", "-1", "-i", minute,
    "-f", "lavfi", "-i", `anoisesrc=color=pink:amplitude=0.08:sample_rate=44100:duration=${MINUTES * 60}`,
    "-filter_complex", "[0:a][1:a]amix=inputs=2:duration=shortest:normalize=0,aformat=channel_layouts=stereo", "-t", String(MINUTES * 60), "-c:a", "pcm_s16le", wav,
  ]);
  log(`starting the app (builds when needed) and a worker…`);
  await startApp(databaseUrl);
  const worker = startWorker(databaseUrl);
  await new Promise((r) => setTimeout(r, 5_000));

  for (let i = 0; i < WARM_CALLS; i++) await bandGetMs(bandGetUrl, cookie);
  const idle: number[] = [];
  for (let i = 0; i < IDLE_CALLS; i++) idle.push(await bandGetMs(bandGetUrl, cookie));
  const ffmpeg = mediaTools().ffmpeg.path;
  log(`reference: ${ffmpeg} alone decoding the file…`);
  const decodeMs = [await decodeAloneMs(ffmpeg, wav)];

  const idleRss = treeRssMiB(worker.pid!);
  log("uploading…");
  const uploadStarted = performance.now();
  const answer = await upload({ cookie, path: `/api/bands/${band.id}/songs/${song.id}/versions` }, wav);
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${answer.body}`);
  const uploadMs = performance.now() - uploadStarted;
  const versionId = (JSON.parse(answer.body) as { id: string }).id;

  log("processing…");
  const started = performance.now();
  let peakTree = 0;
  let peakWorker = 0;
  let peakChildren = 0;
  const sampler = setInterval(() => {
    // The same instant for both: the tree, and the worker process alone.
    const tree = treeRssMiB(worker.pid!);
    const status = fs.readFileSync(`/proc/${worker.pid}/status`, "utf8");
    const alone = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    peakTree = Math.max(peakTree, tree);
    peakWorker = Math.max(peakWorker, alone);
    peakChildren = Math.max(peakChildren, tree - alone);
  }, 100);
  const busy: number[] = [];
  let state = "PENDING";
  let polled = 0;
  while (state !== "READY" && state !== "FAILED") {
    busy.push(await bandGetMs(bandGetUrl, cookie));
    if (++polled % 10 === 0) state = (await db.version.findUniqueOrThrow({ where: { id: versionId }, select: { processing: true } })).processing;
  }
  const processingMs = performance.now() - started;
  const peakTreeProcessing = peakTree;
  log("analysing…");
  const analysing: number[] = [];
  let analysis = state === "READY" ? "PENDING" : "none";
  polled = 0;
  while (analysis === "PENDING" || analysis === "RUNNING") {
    analysing.push(await bandGetMs(bandGetUrl, cookie));
    if (++polled % 10 === 0) analysis = (await db.takeAnalysis.findUnique({ where: { versionId }, select: { state: true } }))?.state ?? "PENDING";
  }
  const analysedMs = performance.now() - started;
  clearInterval(sampler);
  const analysed = await db.takeAnalysis.findUnique({ where: { versionId } });
  const row = await db.version.findUniqueOrThrow({ where: { id: versionId } });
  await db.$disconnect();
  decodeMs.push(await decodeAloneMs(ffmpeg, wav));
  if (state === "FAILED") throw new Error(`processing failed: ${row.processingError}`);

  const realMs = MINUTES * 60_000;
  const idleP99 = percentile(idle, 99);
  const busyP99 = percentile(busy, 99);
  const analysingP99 = percentile(analysing, 99);
  const peaksBytes = fs.statSync(path.join(dataDir, "audio", row.peaksKey!)).size;
  const rows = [
    ["audio", `${MINUTES} min stereo 44.1 kHz 16-bit WAV, ${(fs.statSync(wav).size / 1024 / 1024).toFixed(0)} MiB`, ""],
    ["upload (route, to disk)", `${(uploadMs / 1000).toFixed(1)} s`, ""],
    ["processing wall time", `${(processingMs / 1000).toFixed(1)} s = 1/${(realMs / processingMs).toFixed(0)} of real time`, `target <= 1/30: ${processingMs <= realMs / 30 ? "met" : "MISSED"}`],
    ["reference: ffmpeg alone decoding the file (before / after)", `${decodeMs.map((ms) => (ms / 1000).toFixed(1)).join(" / ")} s`, ""],
    ["processing / reference (median of the two)", `${(processingMs / median(decodeMs)).toFixed(1)}x, +${((processingMs - median(decodeMs)) / 1000).toFixed(1)} s`, `worst ${(processingMs / Math.min(...decodeMs)).toFixed(1)}x; no target (for reading across runs)`],
    ["worker idle RSS (before the upload)", `${idleRss.toFixed(0)} MiB`, ""],
    ["pipeline with the music analysis (upload answered -> analysed)", `${(analysedMs / 1000).toFixed(1)} s, of which analysis ${((analysedMs - processingMs) / 1000).toFixed(1)} s`, `target <= 180 s for 60 min: ${analysedMs <= (180_000 * MINUTES) / 60 ? "met" : "MISSED"}`],
    ["analysis result", analysed?.state === "READY" ? `${analysed.bpm} BPM, key ${analysed.keyLabel} (${analysed.keyConfidence}); generated at 120 BPM in D` : `${analysed?.state}: ${analysed?.reason}`, ""],
    ["worker peak RSS while processing (node + ffmpeg children)", `${peakTreeProcessing.toFixed(0)} MiB`, `target < 250 MB: ${peakTreeProcessing * 1.048576 < 250 ? "met" : "MISSED"}`],
    ["worker peak RSS, processing and analysis (node + children)", `${peakTree.toFixed(0)} MiB (node alone ${peakWorker.toFixed(0)}, children alone ${peakChildren.toFixed(0)} MiB)`, `target < 350 MB: ${peakTree * 1.048576 < 350 ? "met" : "MISSED"}`],
    ["band.get idle p50 / p99", `${percentile(idle, 50).toFixed(1)} / ${idleP99.toFixed(1)} ms (${idle.length} calls)`, ""],
    ["band.get while processing p50 / p99", `${percentile(busy, 50).toFixed(1)} / ${busyP99.toFixed(1)} ms (${busy.length} calls)`, `p99 ratio ${(busyP99 / idleP99).toFixed(2)}x, target <= 2x: ${busyP99 <= 2 * idleP99 ? "met" : "MISSED"}`],
    ["band.get while analysing p50 / p99", `${percentile(analysing, 50).toFixed(1)} / ${analysingP99.toFixed(1)} ms (${analysing.length} calls)`, `p99 ratio ${(analysingP99 / idleP99).toFixed(2)}x, target <= 2x: ${analysingP99 <= 2 * idleP99 ? "met" : "MISSED"}`],
    ["outputs", `peaks ${(peaksBytes / 1024).toFixed(0)} KiB, rendition ${(Number(row.renditionSizeBytes) / 1024 / 1024).toFixed(0)} MiB, ${row.loudnessLufs} LUFS, peak ${row.truePeakDb} dBTP`, ""],
    ["machine", `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`, ""],
  ];
  console.log("\n| measure | figure | vs target |\n|---|---|---|");
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
}

runBench(main);
