/**
 * `npm run bench:phone`: the song page on a slow phone, as Chromium emulates
 * one (CPU throttled 4x, a 10 Mbit/s link with 40 ms latency), on a
 * 60-minute take (low-bitrate MP3 made by ffmpeg) uploaded through the real
 * route and processed by the app's own worker. Prints three figures against
 * their targets:
 *
 * - interactive: navigation start -> the play button hydrated (target 1.5 s);
 * - waveform: the peaks response ends -> the waveform drawn (target 300 ms);
 * - first sound: pressing play -> the audio `playing` event (target 1 s).
 *
 * Each is the median of BENCH_PHONE_RUNS (default 5) page loads. Uses the
 * build in NEXT_DIST_DIR (default .next) like `npm start`, building if needed.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createPrismaClient } from "../src/server/db/client";
import { chromiumLaunchOptions } from "../e2e/support/browser";
import { startDbServer } from "./start-db-server";

const MINUTES = Number(process.env.BENCH_PHONE_MINUTES ?? 60);
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 5);
const port = Number(process.env.BENCH_PORT ?? 3196);
const origin = `http://127.0.0.1:${port}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bench-phone-"));
const children: ChildProcess[] = [];
const log = (line: string) => console.log(`[bench:phone] ${line}`);
const TARGETS = { interactive: 1500, waveform: 300, firstSound: 1000 };

async function startApp(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(tmp, "app"), DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
  });
  children.push(child);
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error("the app exited during start-up");
    if (await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main() {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await startDbServer(path.join(tmp, "db"), children));
  const db = createPrismaClient(databaseUrl);
  const user = await db.user.create({ data: { email: `phone-${randomBytes(4).toString("hex")}@example.test`, emailVerified: new Date(), name: "Phone" } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  const band = await db.band.create({ data: { name: "Phone bench", members: { create: { userId: user.id, role: "OWNER" } } } });
  const song = await db.song.create({ data: { bandId: band.id, title: "The long one" } });

  const mp3 = path.join(tmp, "hour.mp3");
  log(`making a ${MINUTES}-minute 32 kbit/s MP3…`);
  execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", `sine=frequency=220:beep_factor=3:duration=${MINUTES * 60}:sample_rate=22050`, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", mp3]);
  log("starting the app (builds when needed)…");
  await startApp(databaseUrl);

  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(mp3))]), "hour.mp3");
  const cookie = `next-auth.session-token=${sessionToken}`;
  const answer = await fetch(`${origin}/api/bands/${band.id}/songs/${song.id}/versions`, { method: "POST", body: form, headers: { cookie } });
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${await answer.text()}`);
  const versionId = ((await answer.json()) as { id: string }).id;
  log("waiting for the take to be processed…");
  for (let i = 0; ; i++) {
    const v = await db.version.findUniqueOrThrow({ where: { id: versionId }, select: { processing: true } });
    if (v.processing === "READY") break;
    if (v.processing === "FAILED" || i > 2400) throw new Error(`take is ${v.processing}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  const browser = await chromium.launch(chromiumLaunchOptions);
  const figures = { interactive: [] as number[], waveform: [] as number[], firstSound: [] as number[] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await context.addCookies([{ name: "next-auth.session-token", value: sessionToken, url: origin }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (10e6 / 8) });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      // Marks, in the page's own clock: the play button hydrated, the waveform drawn.
      await page.addInitScript(() => {
        const w = window as unknown as { __marks: Record<string, number> };
        w.__marks = {};
        const check = () => {
          const button = document.querySelector("[data-testid=player-toggle]");
          if (button && w.__marks.interactive == null && Object.keys(button).some((k) => k.startsWith("__reactProps"))) w.__marks.interactive = performance.now();
          if (w.__marks.waveform == null && document.querySelector("[data-testid=waveform][data-ready=true]")) w.__marks.waveform = performance.now();
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
        const poll = () => {
          check();
          if (w.__marks.interactive == null) requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      });
      await page.goto(`${origin}/bands/${band.id}/songs/${song.id}?take=${versionId}`);
      await page.waitForFunction(() => {
        const m = (window as unknown as { __marks: Record<string, number> }).__marks;
        return m.interactive != null && m.waveform != null;
      }, undefined, { timeout: 60_000 });
      const marks = await page.evaluate(() => {
        const peaks = performance.getEntriesByType("resource").find((e) => e.name.includes("/peaks")) as PerformanceResourceTiming | undefined;
        const m = (window as unknown as { __marks: { interactive: number; waveform: number } }).__marks;
        return { interactive: m.interactive, waveform: m.waveform, peaksEnd: peaks?.responseEnd ?? NaN };
      });
      figures.interactive.push(marks.interactive);
      figures.waveform.push(marks.waveform - marks.peaksEnd);
      const firstSound = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const audio = document.querySelector<HTMLAudioElement>("[data-testid=player-audio]")!;
            audio.muted = true;
            const started = performance.now();
            audio.addEventListener("playing", () => resolve(performance.now() - started), { once: true });
            audio.addEventListener("error", () => reject(new Error("audio error")), { once: true });
            document.querySelector<HTMLButtonElement>("[data-testid=player-toggle]")!.click();
          }),
      );
      figures.firstSound.push(firstSound);
      log(`run ${run + 1}: interactive ${marks.interactive.toFixed(0)} ms, waveform ${(marks.waveform - marks.peaksEnd).toFixed(0)} ms after peaks, first sound ${firstSound.toFixed(0)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
    await db.$disconnect();
  }

  const row = (name: string, values: number[], target: number) => {
    const m = median(values);
    log(`${name.padEnd(34)} ${m.toFixed(0).padStart(6)} ms   target ${String(target).padStart(5)} ms   ${m <= target ? "ok" : "OVER"}`);
  };
  log(`median of ${RUNS} runs, CPU 4x slower, 10 Mbit/s 40 ms, ${MINUTES}-minute take:`);
  row("song page interactive (play button)", figures.interactive, TARGETS.interactive);
  row("waveform drawn after peaks arrive", figures.waveform, TARGETS.waveform);
  row("first sound after pressing play", figures.firstSound, TARGETS.firstSound);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  });
