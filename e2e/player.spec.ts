import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * The listening room's player on takes processed by the real pipeline (upload
 * route, the app's worker, ffmpeg): waveform from peaks, deep links, A-B loop,
 * speed, switching takes at the same moment, the shortcuts, and playback that
 * does not re-render the page.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let dir: string;
let takeA: string;
let takeB: string;

async function upload(file: string, name: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(file))]), name);
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: user.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-player-"));
  seed = new AudioSeed();
  user = await seed.user("keys");
  bandId = await seed.band(user, "Player band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Bridge', now()) RETURNING id`, [bandId]))[0]!.id;
  const file = makeAudioFile(dir, "mp3", 40);
  takeA = await upload(file, "first.mp3");
  takeB = await upload(file, "second.mp3");
  const deadline = Date.now() + 180_000;
  for (const id of [takeA, takeB]) {
    for (;;) {
      const state = (await seed.query<{ processing: string }>(`SELECT processing::text FROM "Version" WHERE id = $1`, [id]))[0]?.processing;
      if (state === "READY") break;
      if (state === "FAILED" || Date.now() > deadline) throw new Error(`take ${id} is ${state}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  // Take B's music starts 2 s later in its file than take A's.
  await seed.query(`UPDATE "Version" SET "offsetSeconds" = 2 WHERE id = $1`, [takeB]);
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
});

const audio = (page: Page) => page.getByTestId("player-audio");
const now = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => a.currentTime);
const song = (query = "") => `/bands/${bandId}/songs/${songId}${query}`;

async function muted(page: Page) {
  await audio(page).evaluate((a: HTMLAudioElement) => (a.muted = true));
}

test("the waveform draws from the take's peaks", async ({ page }) => {
  const peaks = page.waitForRequest((r) => r.url().endsWith(`/api/versions/${takeA}/peaks`));
  await page.goto(song(`?take=${takeA}`));
  await peaks;
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  // Canvases inside wavesurfer's shadow root, with pixels drawn.
  const drawn = await page.locator("[data-testid=waveform] canvas").first().evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
  expect(drawn).toBeGreaterThan(100);
  await expect(page.getByTestId("waveform-pending")).toHaveCount(0);
  await page.getByTestId("zoom-in").click();
  await expect(page.locator("[data-testid=waveform] [part=minimap]")).toHaveCount(1);
});

test("a deep link opens its take at its moment; bad parameters are ignored", async ({ page }) => {
  await page.goto(song(`?take=${takeB}&t=12.5`));
  await expect.poll(() => now(page)).toBeCloseTo(12.5, 0);
  await expect(page.getByTestId("player-current")).toHaveText("0:12");
  await expect(page.locator(`[data-take-id="${takeB}"]`)).toHaveAttribute("aria-current", "true");

  await page.goto(song(`?take=${takeA}&t=oops&end=-3`));
  await expect(page.getByTestId("player")).toBeVisible();
  expect(await now(page)).toBeLessThan(1);
  await expect(page.getByTestId("loop-state")).toContainText("No loop");
});

test("an A-B loop keeps the playhead inside the passage over several passes", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=5&end=7`));
  await expect(page.getByTestId("loop-state")).toHaveText("Loop 0:05–0:07");
  await expect(page.locator("[data-testid=waveform-overlay][data-overlay-id=loop]")).toHaveCount(1);
  await muted(page);
  await page.getByTestId("player-toggle").click();
  const samples: number[] = [];
  const until = Date.now() + 6_500;
  while (Date.now() < until) {
    samples.push(await now(page));
    await page.waitForTimeout(100);
  }
  expect(Math.min(...samples)).toBeGreaterThanOrEqual(4.9);
  expect(Math.max(...samples)).toBeLessThan(7.4);
  const wraps = samples.filter((t, i) => i > 0 && t < samples[i - 1]! - 1).length;
  expect(wraps).toBeGreaterThanOrEqual(2);
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
});

test("1.5x keeps playing with the pitch kept", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=1`));
  await muted(page);
  await page.getByTestId("player-speed").selectOption("1.5");
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => now(page)).toBeGreaterThan(1.2);
  const from = await now(page);
  await page.waitForTimeout(2_000);
  const state = await audio(page).evaluate((a: HTMLAudioElement) => ({ t: a.currentTime, rate: a.playbackRate, pitch: a.preservesPitch, paused: a.paused }));
  expect(state).toMatchObject({ rate: 1.5, pitch: true, paused: false });
  expect(state.t - from).toBeGreaterThan(2.4);
});

test("switching takes keeps the moment in the song, offset applied", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=10`));
  await expect.poll(() => now(page)).toBeCloseTo(10, 0);
  await page.locator(`[data-take-id="${takeB}"]`).click();
  await expect(page).toHaveURL(new RegExp(`take=${takeB}`));
  // Take B's music starts 2 s later: 10 s in A is 12 s in B.
  await expect.poll(() => now(page)).toBeCloseTo(12, 0);
  // And back: N/P walk the list (newest first), the offset taken off again.
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`take=${takeA}`));
  await expect.poll(() => now(page)).toBeCloseTo(10, 0);
});

test("the shortcuts: Space, arrows, J/L, [ ] and ?", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=20`));
  await muted(page);
  await expect.poll(() => now(page)).toBeCloseTo(20, 0);
  await page.locator("body").click({ position: { x: 2, y: 300 } });

  await page.keyboard.press("ArrowRight");
  await expect.poll(() => now(page)).toBeCloseTo(25, 0);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => now(page)).toBeCloseTo(15, 0);
  await page.keyboard.press("l");
  await expect.poll(() => now(page)).toBeCloseTo(25, 0);
  await page.keyboard.press("j");
  await expect.poll(() => now(page)).toBeCloseTo(15, 0);

  await page.keyboard.press(" ");
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  await page.keyboard.press("[");
  await page.waitForTimeout(1_200);
  await page.keyboard.press("]");
  await expect(page.getByTestId("loop-state")).toHaveText(/Loop 0:1\d–0:1\d/);
  await page.keyboard.press(" ");
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);

  // Typing in a field is typing, not playing.
  const field = page.getByRole("textbox").first();
  await field.fill("");
  await field.press(" ");
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
  await field.blur();

  // The seek slider's arrows step 5 s.
  const at = await now(page);
  await page.getByTestId("player-seek").focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => now(page)).toBeCloseTo(at + 5, 0);

  await page.locator("body").click({ position: { x: 2, y: 300 } });
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Play or pause");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("playback does not re-render the song page every frame", async ({ page }) => {
  // React reports every commit to a devtools hook, production builds included.
  await page.addInitScript(() => {
    const w = window as unknown as { __commits: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
    w.__commits = 0;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      onCommitFiberRoot: () => void (w.__commits += 1),
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      checkDCE: () => undefined,
    };
  });
  await page.goto(song(`?take=${takeA}&t=2`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await muted(page);
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => now(page)).toBeGreaterThan(2.3);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => (window as unknown as { __commits: number }).__commits);
  await page.waitForTimeout(3_000);
  const after = await page.evaluate(() => (window as unknown as { __commits: number }).__commits);
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  // The time readout and the comments follow whole seconds: a few commits a second at most, not 60.
  expect(after - before).toBeLessThan(20);
});

test("the song page with the player is accessible and fits a phone and a laptop", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=6&end=9`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("moment-link-open").click();
  await expect(page.getByTestId("one-time-link")).toHaveValue(new RegExp(`take=${takeA}&t=6&end=9$`));
  await expectNoSeriousA11yViolations(page);
  await screenshotAtWidths(page, "player");
});
