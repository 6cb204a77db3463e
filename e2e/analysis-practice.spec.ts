import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { seedAnalysis, steadyAnalysis, waitForTakeSettled } from "./support/analysis";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * The practice tools a take's analysis brings, on a take processed by the real
 * pipeline with an analysis seeded as the worker would store it: 120 BPM in
 * 4/4 (a beat every 0.5 s, a bar every 2 s), the music starting 1.5 s in.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const FIRST_BEAT = 1.5;
const BARS = 14;
const analysis = steadyAnalysis({ bpm: 120, bars: BARS, firstBeat: FIRST_BEAT });
const barStart = (n: number) => FIRST_BEAT + (n - 1) * 2;

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let dir: string;
let take: string;
let plainTake: string;

async function upload(file: string, name: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(file))]), name);
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: user.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-bars-"));
  seed = new AudioSeed();
  user = await seed.user("bars");
  bandId = await seed.band(user, "Bars band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Groove', now()) RETURNING id`, [bandId]))[0]!.id;
  const file = makeAudioFile(dir, "mp3", 30);
  plainTake = await upload(file, "no-analysis.mp3");
  take = await upload(file, "groove.mp3");
  const deadline = Date.now() + 180_000;
  for (const id of [take, plainTake]) await waitForTakeSettled(seed, id, deadline);
  // The worker finds the test tone's beeps a beat: the plain take is made one with no analysis.
  await seed.query(`DELETE FROM "TakeAnalysis" WHERE "versionId" = $1`, [plainTake]);
  await seedAnalysis(seed, take, analysis);
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

async function open(page: Page, id = take) {
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${id}`);
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await audio(page).evaluate((a: HTMLAudioElement) => (a.muted = true));
}

test("bar numbers sit under the waveform at the downbeats, and G goes to a bar", async ({ page }) => {
  await open(page);
  const numbers = page.getByTestId("bar-number");
  await expect(numbers.first()).toBeVisible();
  await expect(numbers.first()).toHaveText("1");
  // Each number is drawn where its downbeat is on the waveform.
  const canvas = (await page.locator(".waveform-canvas").boundingBox())!;
  const duration = await audio(page).evaluate((a: HTMLAudioElement) => a.duration);
  for (const n of await numbers.all()) {
    const bar = Number(await n.textContent());
    const box = (await n.boundingBox())!;
    expect(Math.abs(box.x - (canvas.x + (barStart(bar) / duration) * canvas.width))).toBeLessThan(2);
  }

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog.getByRole("row").filter({ hasText: "Go to a bar" })).toContainText("G");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("g");
  await expect(page.getByTestId("goto-bar")).toBeFocused();
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await expect.poll(() => now(page)).toBeCloseTo(barStart(5), 2);

  // A bar the take does not have is refused with a reason; the playhead stays.
  await page.getByTestId("goto-bar").fill("99");
  await page.getByTestId("goto-bar-go").click();
  await expect(page.getByRole("alert").filter({ hasText: `Pick a bar from 1 to ${BARS}.` })).toBeVisible();
  expect(await now(page)).toBeCloseTo(barStart(5), 2);

  // Zoomed in, the beats show as a faint grid; fitted to a phone's width they do not.
  await page.setViewportSize({ width: 390, height: 900 });
  await expect(page.locator("[data-testid=beat-line]")).toHaveCount(0);
  for (let i = 0; i < 3; i++) await page.getByTestId("zoom-in").click();
  await expect.poll(() => page.locator("[data-testid=beat-line]").count()).toBeGreaterThan(10);
  await screenshotAtWidths(page, "bars-zoomed-in", [390]);
});

async function drag(page: Page, from: number, to: number, alt = false) {
  const canvas = (await page.locator(".waveform-canvas").boundingBox())!;
  const duration = await audio(page).evaluate((a: HTMLAudioElement) => a.duration);
  const x = (seconds: number) => canvas.x + (seconds / duration) * canvas.width;
  const y = canvas.y + canvas.height / 2;
  if (alt) await page.keyboard.down("Alt");
  await page.mouse.move(x(from), y);
  await page.mouse.down();
  await page.mouse.move(x((from + to) / 2), y, { steps: 6 });
  await page.mouse.move(x(to), y, { steps: 6 });
  await page.mouse.up();
  if (alt) await page.keyboard.up("Alt");
}

const loopEdges = async (page: Page) => {
  const state = page.getByTestId("loop-state");
  return [Number(await state.getAttribute("data-start")), Number(await state.getAttribute("data-end"))];
};

test("a dragged loop snaps to bars or beats, Alt keeps it free, and a passage widens to whole bars", async ({ page }) => {
  await open(page);
  await page.getByTestId("snap-bar").check({ force: true });
  // 4.2 s is nearest bar 2 (3.5 s); 8.7 s nearest bar 5 (9.5 s).
  await drag(page, 4.2, 8.7);
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", String(barStart(2)));
  expect(await loopEdges(page)).toEqual([barStart(2), barStart(5)]);
  expect(analysis.downbeats).toEqual(expect.arrayContaining(await loopEdges(page)));

  await page.getByTestId("loop-clear").click();
  await page.getByTestId("snap-beat").check({ force: true });
  // 4.1 s is nearest the beat at 4 s, 8.3 s the one at 8.5 s.
  await drag(page, 4.1, 8.3);
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", "4");
  expect(await loopEdges(page)).toEqual([4, 8.5]);

  // With Alt held the loop is as drawn, then "whole bars" widens it to the bars it covers.
  await page.getByTestId("loop-clear").click();
  await drag(page, 4.1, 8.3, true);
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", /^4\.[01]/);
  const [freeStart, freeEnd] = await loopEdges(page);
  expect(analysis.beats).not.toContain(freeStart);
  expect(analysis.beats).not.toContain(freeEnd);
  await page.getByTestId("loop-whole-bars").click();
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", String(barStart(2)));
  expect(await loopEdges(page)).toEqual([barStart(2), barStart(5)]);
});

test("the click track sounds on the take's own beats, accented on downbeats, at 1x and 1.25x", async ({ page }) => {
  // Every scheduled click as the page asks for it, with both clocks read at that moment.
  await page.addInitScript(() => {
    const calls: { when: number; ctx: number; media: number; rate: number; hz: number }[] = [];
    const contexts: AudioContext[] = [];
    Object.assign(window, { clicks: calls, contexts });
    const Context = window.AudioContext;
    window.AudioContext = class extends Context {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (this: AudioScheduledSourceNode, when?: number) {
      const el = document.querySelector<HTMLAudioElement>("[data-testid=player-audio]");
      calls.push({
        when: when ?? 0,
        ctx: this.context.currentTime,
        media: el?.currentTime ?? Number.NaN,
        rate: el?.playbackRate ?? 1,
        hz: this instanceof OscillatorNode ? this.frequency.value : 0,
      });
      return start.call(this, when);
    };
  });
  await open(page);
  await page.getByTestId("click-toggle").check();
  // The audio clock runs (a headless browser may take a moment to start it).
  await expect.poll(() => page.evaluate(() => (window as unknown as { contexts: AudioContext[] }).contexts.map((c) => c.state).join()), { timeout: 10_000 }).toBe("running");
  const recorded = () => page.evaluate(() => (window as unknown as { clicks: { when: number; ctx: number; media: number; rate: number; hz: number }[] }).clicks.splice(0));

  for (const rate of [1, 1.25]) {
    await page.getByTestId("player-speed").selectOption(String(rate));
    await page.getByTestId("goto-bar").fill("3");
    await page.getByTestId("goto-bar-go").click();
    await expect.poll(() => now(page)).toBeCloseTo(barStart(3), 2);
    await recorded();
    await page.getByTestId("player-toggle").click();
    await expect.poll(() => now(page), { timeout: 10_000 }).toBeGreaterThan(barStart(3) + 3.2);
    await page.getByTestId("player-toggle").click();
    const clicks = (await recorded()).filter((c) => c.rate === rate);
    // Where on the take each click falls, by the clocks read when it was scheduled.
    const onTake = clicks.map((c) => ({ at: c.media + (c.when - c.ctx) * c.rate, hz: c.hz }));
    expect(onTake.length).toBeGreaterThanOrEqual(6);
    const errors: number[] = [];
    for (const click of onTake) {
      const beat = analysis.beats.reduce((best, b) => (Math.abs(b - click.at) < Math.abs(best - click.at) ? b : best));
      errors.push(Math.abs(beat - click.at) / rate);
      // Downbeats are the high click.
      expect(click.hz > 1500, `click at ${click.at}`).toBe(analysis.downbeats.includes(beat));
    }
    // Within 20 ms of its beat as heard. One reading of currentTime on a busy machine can be
    // off by tens of ms (the element updates it in steps), so a rare click may read worse.
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)], `errors at ${rate}x: ${errors.join(", ")}`).toBeLessThan(0.01);
    expect(errors.filter((e) => e < 0.02).length / errors.length, `errors at ${rate}x: ${errors.join(", ")}`).toBeGreaterThanOrEqual(0.85);
    expect(errors.at(-1), `errors at ${rate}x: ${errors.join(", ")}`).toBeLessThan(0.05);
    // Every beat played through had its click (the one right at the start only if the
    // browser's first look came within 20 ms of it: a busy machine may miss it).
    const heardBeats = new Set(onTake.map((c) => analysis.beats.reduce((best, b) => (Math.abs(b - c.at) < Math.abs(best - c.at) ? b : best))));
    for (const beat of analysis.beats.filter((b) => b > barStart(3) && b < barStart(3) + 3)) expect(heardBeats, `beat ${beat}`).toContain(beat);
  }
});

test("with count-in on, a loop starts after one bar of clicks; the tempo ladder climbs over a snapped loop", async ({ page }) => {
  await page.addInitScript(() => {
    const log: { kind: string; ctx: number; when?: number; hz?: number; media?: number }[] = [];
    const contexts: AudioContext[] = [];
    Object.assign(window, { log, contexts });
    const Context = window.AudioContext;
    window.AudioContext = class extends Context {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (this: AudioScheduledSourceNode, when?: number) {
      log.push({ kind: "click", ctx: this.context.currentTime, when: when ?? 0, hz: this instanceof OscillatorNode ? this.frequency.value : 0 });
      return start.call(this, when);
    };
    document.addEventListener(
      "play",
      (e) => log.push({ kind: "play", ctx: contexts[0]?.currentTime ?? Number.NaN, media: (e.target as HTMLAudioElement).currentTime }),
      true,
    );
  });
  await open(page);
  await page.getByTestId("snap-bar").check({ force: true });
  // Bar 2 alone (3.5-5.5 s): the drag starts playing it; pause to count in from the start.
  await drag(page, 3.7, 5.3);
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-end", String(barStart(3)));
  await page.getByTestId("player-toggle").click();
  await expect(audio(page)).toHaveJSProperty("paused", true);
  await page.getByTestId("count-in-toggle").check();
  await expect.poll(() => page.evaluate(() => (window as unknown as { contexts: AudioContext[] }).contexts.map((c) => c.state).join()), { timeout: 10_000 }).toBe("running");
  await page.evaluate(() => (window as unknown as { log: unknown[] }).log.splice(0));

  await page.getByTestId("player-toggle").click();
  await expect(page.getByTestId("click-status")).toHaveText("Counting in…");
  await expect(audio(page)).toHaveJSProperty("paused", false, { timeout: 5_000 });
  const log = await page.evaluate(() => (window as unknown as { log: { kind: string; ctx: number; when?: number; hz?: number; media?: number }[] }).log.slice());
  const played = log.findIndex((e) => e.kind === "play");
  const count = log.slice(0, played).filter((e) => e.kind === "click");
  // One bar: four clicks half a second apart, the first high, then the take from the loop's start.
  expect(count.map((c) => c.hz! > 1500)).toEqual([true, false, false, false]);
  const gaps = count.slice(1).map((c, i) => c.when! - count[i]!.when!);
  for (const gap of gaps) expect(gap).toBeCloseTo(0.5, 3);
  expect(log[played]!.media).toBeCloseTo(barStart(2), 2);
  expect(Math.abs(log[played]!.ctx - (count[3]!.when! + 0.5))).toBeLessThan(0.1);
  await page.getByTestId("player-toggle").click();

  // The tempo ladder over the snapped bar: 70 %, then 75 % after a pass.
  await page.getByTestId("count-in-toggle").uncheck();
  await page.getByTestId("ladder-toggle").check();
  await expect(page.getByTestId("player-speed")).toHaveValue("0.7");
  await page.getByTestId("player-toggle").click();
  await expect(page.getByTestId("player-speed")).toHaveValue("0.75", { timeout: 8_000 });
  expect(await now(page)).toBeGreaterThanOrEqual(barStart(2) - 0.01);
  expect(await now(page)).toBeLessThan(barStart(3) + 0.1);
});

test("a passage comment loops by bars: the whole bars it covers, from their start", async ({ page }) => {
  // 4.1-8.3 s lies in bars 2-4 (3.5-9.5 s).
  await seed.query(
    `INSERT INTO "Comment" (id, "bandId", "versionId", "authorId", body, "atSeconds", "endSeconds", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'The fill drags here', 4.1, 8.3, now())`,
    [bandId, take, user.id],
  );
  await open(page);
  const comment = page.getByTestId("comment").filter({ hasText: "The fill drags here" });
  await comment.getByRole("button", { name: "Loop by bars" }).click();
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", String(barStart(2)));
  expect(await loopEdges(page)).toEqual([barStart(2), barStart(5)]);
  expect(await now(page)).toBeGreaterThanOrEqual(barStart(2) - 0.01);
  // The same comment on a take with no bars offers only the plain loop.
  await seed.query(
    `INSERT INTO "Comment" (id, "bandId", "versionId", "authorId", body, "atSeconds", "endSeconds", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'Plain passage', 4.1, 8.3, now())`,
    [bandId, plainTake, user.id],
  );
  await open(page, plainTake);
  const plain = page.getByTestId("comment").filter({ hasText: "Plain passage" });
  await expect(plain.getByRole("button", { name: "Loop this passage" })).toBeVisible();
  await expect(plain.getByRole("button", { name: "Loop by bars" })).toHaveCount(0);
});

test("a take without an analysis has no bars and loops as drawn", async ({ page }) => {
  await open(page, plainTake);
  await expect(page.getByTestId("bar-number")).toHaveCount(0);
  await expect(page.getByTestId("beat-controls")).toHaveCount(0);
  await drag(page, 4.2, 8.7);
  await expect(page.getByTestId("loop-state")).toHaveAttribute("data-start", /^4\.[12]/);
});

test("the bar and click tools at 390 and 1366 px: accessible, large enough to tap", async ({ page }) => {
  await open(page);
  await page.getByTestId("click-toggle").check();
  await expect(page.getByTestId("click-status")).toContainText("own beats (about 120 BPM)");
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByTestId("bar-number").first()).toBeVisible();
    const small = (await smallTouchTargets(page)).filter((s) => /goto|snap|click|count|Whole bars|Go\b/i.test(s));
    expect(small).toEqual([]);
  }
  await expectNoSeriousA11yViolations(page);
  await screenshotAtWidths(page, "analysis-practice");
});
