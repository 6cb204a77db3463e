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
 * What the song page draws from a take's analysis: the chord lane above the
 * waveform (following playback), the tempo lane below it (rushing and
 * dragging against the sheet), the compare line, each take's tempo and key in
 * the list, and the song sheet filled from the music. Two takes go through
 * the real pipeline (so there is a waveform); their analyses are seeded with
 * known truth.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let dir: string;
let take1: string;
let take2: string;

/** 12 bars of 2 s (120 BPM in 4/4), one chord a bar: C G Am F, three times. */
const BARS = 12;

async function upload(file: string, name: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(file))]), name);
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: user.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-lanes-"));
  seed = new AudioSeed();
  user = await seed.user("drummer");
  bandId = await seed.band(user, "Lanes band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Steady Hands', now()) RETURNING id`, [bandId]))[0]!.id;
  const file = makeAudioFile(dir, "mp3", BARS * 2);
  take1 = await upload(file, "first.mp3");
  take2 = await upload(file, "second.mp3");
  const deadline = Date.now() + 180_000;
  for (const id of [take1, take2]) await waitForTakeSettled(seed, id, deadline);

  // Take 1: steady at 120 but for a rush to 128 in bars 5-8 (8-16 s) and a drag to 112 in bar 10 (18-20 s).
  const first = steadyAnalysis({ bpm: 120, bars: BARS, key: { tonic: "C", mode: "major" }, chords: ["C", "G", "Am", "F"] });
  first.tempo = Array.from({ length: BARS }, (_, bar) => ({ t: bar * 2, bpm: bar >= 4 && bar <= 7 ? (bar === 6 ? 128 : 126) : bar === 9 ? 112 : 120 }));
  await seedAnalysis(seed, take1, first);
  // Take 2: 3% faster throughout.
  await seedAnalysis(seed, take2, steadyAnalysis({ bpm: 123.6, bars: BARS, key: { tonic: "C", mode: "major" } }));
  // Take 1 is the best take: the sheet's detected values come from it.
  await seed.query(`UPDATE "Song" SET "bestVersionId" = $2 WHERE id = $1`, [songId, take1]);
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
});

const audio = (page: Page) => page.getByTestId("player-audio");

async function openSong(page: Page, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${take1}`);
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await audio(page).evaluate((a: HTMLAudioElement) => (a.muted = true));
}

async function seekTo(page: Page, seconds: number) {
  await audio(page).evaluate((a: HTMLAudioElement, s: number) => (a.currentTime = s), seconds);
}

test("the chord lane shows the chords as spans on a wide screen, the current one following playback", async ({ page }) => {
  await openSong(page, DESKTOP);
  const lane = page.getByTestId("chord-lane");
  await expect(lane).toHaveAttribute("data-mode", "spans");
  await expect(lane.getByTestId("chord-span")).toHaveText(Array.from({ length: BARS }, (_, i) => ["C", "G", "Am", "F"][i % 4]!));
  // The lane lies along the waveform: bar 3 (4-6 s of 24) starts a sixth of the way across it.
  const wave = (await page.getByTestId("waveform").boundingBox())!;
  const third = (await lane.getByTestId("chord-span").nth(2).boundingBox())!;
  expect(Math.abs(third.x - (wave.x + wave.width / 6))).toBeLessThanOrEqual(4);

  await seekTo(page, 5);
  await expect(lane.locator("[aria-current=true]")).toHaveText("Am");
  await audio(page).evaluate((a: HTMLAudioElement) => a.play());
  await expect(lane.locator("[aria-current=true]")).toHaveText("F", { timeout: 5_000 });
  await audio(page).evaluate((a: HTMLAudioElement) => a.pause());
  await expect(lane.locator("[aria-current=true]")).toHaveCount(1);
});

test("zoomed in, the lanes follow the waveform's scale and scroll, the current chord kept in sight", async ({ page }) => {
  await openSong(page, DESKTOP);
  await seekTo(page, 20.5);
  // 60 px a second: the 24 s take is about 1440 px wide, far wider than the player.
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  const lane = page.getByTestId("chord-lane");
  await expect.poll(() => lane.locator(".lane-inner").evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1400);
  await audio(page).evaluate((a: HTMLAudioElement) => a.play());
  await expect(lane.locator("[aria-current=true]")).toHaveText(["Am"], { timeout: 5_000 });
  await audio(page).evaluate((a: HTMLAudioElement) => a.pause());
  await expect(lane.locator("[aria-current=true]")).toHaveText(["Am"]);
  const box = (await lane.boundingBox())!;
  const current = (await lane.locator("[aria-current=true]").boundingBox())!;
  const head = (await lane.locator(".lane-playhead").boundingBox())!;
  // The current chord is on screen, under the playhead, and the playhead where the waveform's time puts it.
  expect(current.x).toBeGreaterThanOrEqual(box.x - 1);
  expect(current.x).toBeLessThan(box.x + box.width);
  expect(head.x).toBeGreaterThanOrEqual(current.x - 2);
  expect(head.x).toBeLessThanOrEqual(current.x + current.width + 2);
  const tempoHead = (await page.getByTestId("tempo-lane").locator(".lane-playhead").boundingBox())!;
  expect(Math.abs(tempoHead.x - head.x)).toBeLessThanOrEqual(2);
  // wavesurfer's own cursor (in its open shadow root) stands at the same place.
  const cursor = (await page.getByTestId("waveform").locator(".waveform-canvas [part=cursor]").boundingBox())!;
  expect(Math.abs(cursor.x - head.x)).toBeLessThanOrEqual(3);
});

test("on a phone the chord lane says what sounds now and what comes next", async ({ page }) => {
  await openSong(page, PHONE);
  const lane = page.getByTestId("chord-lane");
  await expect(lane).toHaveAttribute("data-mode", "now-next");
  await seekTo(page, 2.5);
  await expect(lane.getByTestId("chord-now")).toHaveText("G");
  await expect(lane.getByTestId("chord-next")).toHaveText("Am");
  await seekTo(page, 7);
  await expect(lane.getByTestId("chord-now")).toHaveText("F");
  await expect(lane.getByTestId("chord-next")).toHaveText("C");
});

test("the tempo lane marks where the band rushed and dragged, in bars and in words", async ({ page }) => {
  await openSong(page, DESKTOP);
  const lane = page.getByTestId("tempo-lane");
  // No tempo on the sheet yet: the take is measured against its own.
  await expect(lane).toHaveAttribute("data-reference", "take");
  await expect(lane.getByTestId("tempo-summary").getByRole("listitem")).toHaveText(["Rushed from 120 to 128 BPM in bars 5–8", "Dragged from 120 to 112 BPM in bar 10"]);
  await expect(lane.locator("[data-feel=rush]")).toHaveCount(1);
  await expect(lane.locator("[data-feel=drag]")).toHaveCount(1);
  // The rush is drawn over bars 5-8: 8-16 s of the waveform's 24.
  const wave = (await page.getByTestId("waveform").boundingBox())!;
  const rush = (await lane.locator("[data-feel=rush]").boundingBox())!;
  expect(Math.abs(rush.x - (wave.x + wave.width / 3))).toBeLessThanOrEqual(4);
  expect(Math.abs(rush.width - wave.width / 3)).toBeLessThanOrEqual(4);
  await expect(page.getByTestId("tempo-compare")).toHaveText("Take 1 is 3% slower than Take 2");
  await expect(page.getByTestId("take-music")).toHaveText(["124 BPM · C", "120 BPM · C"]);
  await expect(page.getByTestId("take-analysis")).toHaveText("120 BPM · C");

  await seekTo(page, 12);
  await screenshotAtWidths(page, "analysis-lanes");
  await page.setViewportSize(DESKTOP);
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize(PHONE);
  await expect(page.getByTestId("tempo-lane")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "song page with analysis lanes at 390 px");
});

test("the sheet offers the best take's key and tempo, saves them in one click, then says where they differ", async ({ page }) => {
  await openSong(page, DESKTOP);
  const sheet = page.getByTestId("song-sheet");
  await expect(sheet.getByTestId("sheet-detected")).toHaveText("Detected: C · 120 BPM (from the best take)");
  await screenshotAtWidths(page, "analysis-sheet-offer");
  await page.setViewportSize(PHONE);
  expect(await smallTouchTargets(page), "song page controls under 44x44 px, with the lanes and the offer").toEqual([]);
  await page.setViewportSize(DESKTOP);
  await sheet.getByRole("button", { name: "Use these" }).click();
  await expect(sheet.getByTestId("sheet-from-music")).toHaveCount(0);

  await page.reload();
  await expect(sheet.getByText("120 BPM", { exact: true })).toBeVisible();
  await expect(sheet.locator("dd").filter({ hasText: /^C$/ })).toBeVisible();
  // The tempo lane now measures against the sheet.
  await expect(page.getByTestId("tempo-lane")).toHaveAttribute("data-reference", "sheet");

  // A sheet that disagrees with the best take says so, calmly.
  await seed.query(`UPDATE "Song" SET key = 'A', "tempoBpm" = 132 WHERE id = $1`, [songId]);
  await page.reload();
  await expect(sheet.getByTestId("sheet-difference")).toHaveText(["The best take sounds in C, the sheet says A.", "The best take plays at about 120 BPM, the sheet says 132."]);
  await expect(sheet.getByRole("button", { name: /Use (these|it)/ })).toHaveCount(0);
  await seed.query(`UPDATE "Song" SET key = NULL, "tempoBpm" = NULL WHERE id = $1`, [songId]);
});

test("a take with no music to understand says why in its details, and nothing in the list", async ({ page }) => {
  await seed.query(`UPDATE "TakeAnalysis" SET state = 'ABSENT', reason = 'The take is silent.', bpm = NULL, "keyLabel" = NULL WHERE "versionId" = $1`, [take2]);
  try {
    await openSong(page, DESKTOP);
    await page.locator(`[data-take-id="${take2}"]`).click();
    await expect(page.getByTestId("take-analysis")).toHaveText("Not analysed: The take is silent.");
    await expect(page.getByTestId("take-music")).toHaveText(["120 BPM · C"]);
    await expect(page.getByTestId("chord-lane")).toHaveCount(0);
    await expect(page.getByTestId("tempo-lane")).toHaveCount(0);
  } finally {
    await seedAnalysis(seed, take2, steadyAnalysis({ bpm: 123.6, bars: BARS, key: { tonic: "C", mode: "major" } }));
  }
});
