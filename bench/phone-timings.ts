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
 * The reference, measured in the same run and interleaved with the song page
 * (song, floor, song, floor…, under the same emulation): the hydration floor,
 * the least a page of the same build can be (/bench/hydration-floor: the root
 * layout and one client button, turned on with BENCH_PAGES=true). The song
 * page's time to interactive is printed as a ratio to the floor's and as the
 * difference in milliseconds, pair by pair, with the median and the worst of
 * BENCH_PHONE_RUNS (default 5) pairs, the cold first load included.
 *
 * Uses the build in NEXT_DIST_DIR (default .next) like `npm start`, building
 * if needed. BENCH_QUICK=1 (or --quick): a 1-minute take, 2 pairs. Everything
 * it starts is stopped when it ends, fails or is interrupted
 * (bench/lib/processes.ts).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { createPrismaClient } from "../src/server/db/client";
import { chromiumLaunchOptions } from "../e2e/support/browser";
import { startDbServer } from "./start-db-server";
import { onStop, quick, runBench, runToEnd, spawnGroup } from "./lib/processes";

const MINUTES = Number(process.env.BENCH_PHONE_MINUTES ?? (quick ? 1 : 60));
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? (quick ? 2 : 5));
const port = Number(process.env.BENCH_PORT ?? 3196);
const origin = `http://127.0.0.1:${port}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bench-phone-"));
const log = (line: string) => console.log(`[bench:phone] ${line}`);
const TARGETS = { interactive: 1500, waveform: 300, firstSound: 1000 };

async function startApp(databaseUrl: string): Promise<void> {
  const child = spawnGroup("app", process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(tmp, "app"), DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", BENCH_PAGES: "true" },
  });
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) throw new Error("the app exited during start-up");
    if (await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A fresh phone: 390 px, touch, CPU 4x slower, 10 Mbit/s with 40 ms latency, signed in. */
async function phonePage(browser: Browser, sessionToken: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addCookies([{ name: "next-auth.session-token", value: sessionToken, url: origin }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { context, page };
}

/** The reference: navigation start -> the floor page's one button hydrated, in the page's own clock. */
async function floorInteractive(browser: Browser, sessionToken: string): Promise<number> {
  const { context, page } = await phonePage(browser, sessionToken);
  try {
    const response = await page.goto(`${origin}/bench/hydration-floor`, { waitUntil: "commit" });
    if (response?.status() !== 200) throw new Error(`the hydration floor page answered ${response?.status()} (is BENCH_PAGES=true reaching the app?)`);
    const at = await page.waitForFunction(
      () => {
        const button = document.querySelector("[data-testid=floor-button]");
        return button && Object.keys(button).some((k) => k.startsWith("__reactProps")) ? performance.now() : null;
      },
      undefined,
      { timeout: 60_000, polling: "raf" },
    );
    return (await at.jsonValue())!;
  } finally {
    await context.close();
  }
}

async function main() {
  onStop("temporary directory", () => fs.rmSync(tmp, { recursive: true, force: true }));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await startDbServer(path.join(tmp, "db")));
  const db = createPrismaClient(databaseUrl);
  onStop("database client", () => db.$disconnect());
  const user = await db.user.create({ data: { email: `phone-${randomBytes(4).toString("hex")}@example.test`, emailVerified: new Date(), name: "Phone" } });
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  const band = await db.band.create({ data: { name: "Phone bench", members: { create: { userId: user.id, role: "OWNER" } } } });
  const song = await db.song.create({ data: { bandId: band.id, title: "The long one" } });

  const mp3 = path.join(tmp, "hour.mp3");
  log(`making a ${MINUTES}-minute 32 kbit/s MP3…`);
  await runToEnd("ffmpeg (making the take)", "ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", `sine=frequency=220:beep_factor=3:duration=${MINUTES * 60}:sample_rate=22050`, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", mp3]);
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
  onStop("Chromium", () => browser.close());
  const figures = { interactive: [] as number[], floor: [] as number[], waveform: [] as number[], firstSound: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await phonePage(browser, sessionToken);
    await page.goto(`${origin}/bands/${band.id}/songs/${song.id}?take=${versionId}`, { waitUntil: "commit" });
    // Marks, in the page's own clock, taken every animation frame: the play button hydrated, the waveform drawn.
    await page
      .waitForFunction(
        () => {
          const w = window as unknown as { __marks?: Record<string, number> };
          const m = (w.__marks ??= {});
          const button = document.querySelector("[data-testid=player-toggle]");
          if (m.interactive == null && button && Object.keys(button).some((k) => k.startsWith("__reactProps"))) m.interactive = performance.now();
          if (m.waveform == null && document.querySelector("[data-testid=waveform][data-ready=true]")) m.waveform = performance.now();
          return m.interactive != null && m.waveform != null;
        },
        undefined,
        { timeout: 60_000, polling: "raf" },
      )
      .catch(async (e: unknown) => {
        const seen = await page.evaluate(() => ({ url: location.href, marks: (window as unknown as { __marks: unknown }).__marks }));
        throw new Error(`the page did not get ready: ${JSON.stringify(seen)}`, { cause: e });
      });
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
    await context.close();
    const floor = await floorInteractive(browser, sessionToken);
    figures.floor.push(floor);
    log(`pair ${run + 1}${run === 0 ? " (cold)" : ""}: song page interactive ${marks.interactive.toFixed(0)} ms, floor ${floor.toFixed(0)} ms; waveform ${(marks.waveform - marks.peaksEnd).toFixed(0)} ms after peaks, first sound ${firstSound.toFixed(0)} ms`);
  }

  const ratios = figures.interactive.map((ms, i) => ms / figures.floor[i]!);
  const differences = figures.interactive.map((ms, i) => ms - figures.floor[i]!);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const rows: string[][] = [
    ["figure", "median", "worst", "target"],
    ["hydration floor interactive (reference)", ms(median(figures.floor)), ms(Math.max(...figures.floor)), ""],
    ["song page interactive (play button)", ms(median(figures.interactive)), ms(Math.max(...figures.interactive)), `${TARGETS.interactive} ms: ${median(figures.interactive) <= TARGETS.interactive ? "ok" : "OVER"}`],
    ["song page / floor, pair by pair", `${median(ratios).toFixed(2)}x`, `${Math.max(...ratios).toFixed(2)}x`, ""],
    ["song page - floor, pair by pair", `+${ms(median(differences))}`, `+${ms(Math.max(...differences))}`, ""],
    ["waveform drawn after peaks arrive", ms(median(figures.waveform)), ms(Math.max(...figures.waveform)), `${TARGETS.waveform} ms: ${median(figures.waveform) <= TARGETS.waveform ? "ok" : "OVER"}`],
    ["first sound after pressing play", ms(median(figures.firstSound)), ms(Math.max(...figures.firstSound)), `${TARGETS.firstSound} ms: ${median(figures.firstSound) <= TARGETS.firstSound ? "ok" : "OVER"}`],
  ];
  console.log(`\n${RUNS} pairs (song page, then the floor), the cold first load included; CPU 4x slower, 10 Mbit/s 40 ms, ${MINUTES}-minute take\n`);
  console.log(rows.map((r, i) => `| ${r.join(" | ")} |${i === 0 ? `\n|${r.map(() => "---").join("|")}|` : ""}`).join("\n"));
}

runBench(main);
