import type { Locator, Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * The song sheet as a chart: chords above their syllables (also when a long line wraps),
 * sections, transposing (kept in this browser), the stage view, and the way to the sheet
 * from the top of the song page on a phone.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const LYRICS = [
  "{title: Night Ride}",
  "{c: Brushes on the snare}",
  "Verse 1:",
  "[Bm]Riding the [E]dark water, all the way home along the [F#m]winding road that runs beside the [Bm]river",
  "",
  "{start_of_chorus}",
  "[G]Home a[D]gain",
  "{end_of_chorus}",
  "Bm         E",
  "Riding the dark water",
].join("\n");

let seed: AudioSeed;
let owner: SeededUser;
let bandId: string;
let songId: string;

test.beforeAll(async () => {
  seed = new AudioSeed();
  owner = await seed.user("singer");
  bandId = await seed.band(owner, "Sheet band");
  const take = await seed.take(bandId, owner, makeWav({ seconds: 3, channels: 1 }), { songTitle: "Night Ride" });
  songId = (await seed.query<{ songId: string }>(`SELECT "songId" FROM "Version" WHERE id = $1`, [take.versionId]))[0]!.songId;
  await seed.query(`UPDATE "Song" SET lyrics = $2, key = 'Bm', "tempoBpm" = 96 WHERE id = $1`, [songId, LYRICS]);
});
test.afterAll(async () => {
  await seed?.close();
});

async function openSong(page: Page, viewport: { width: number; height: number }) {
  await page.context().addCookies([{ name: "next-auth.session-token", value: owner.cookie.split("=")[1]!, url: origin }]);
  await page.setViewportSize(viewport);
  await page.goto(`/bands/${bandId}/songs/${songId}`);
  await expect(page.getByTestId("sheet-lyrics")).toBeVisible();
}

const box = async (l: Locator) => (await l.boundingBox())!;

/**
 * Every chord with a syllable under it: the chord's left edge on the syllable's, and directly
 * above it. Measured in one go: the page may still move (the waveform arriving) between calls.
 */
async function expectChordsOverSyllables(chart: Locator) {
  const cols = await chart.getByTestId("chart-col").evaluateAll((els) =>
    els.map((col) => {
      const chord = col.querySelector("[data-testid=chart-chord]")!;
      const syllable = col.querySelector("[data-testid=chart-syllable]");
      const c = chord.getBoundingClientRect();
      const s = syllable?.getBoundingClientRect();
      return { what: `${chord.textContent} over "${syllable?.textContent ?? ""}"`, c: { x: c.x, bottom: c.bottom }, s: s ? { x: s.x, top: s.top } : null };
    }),
  );
  expect(cols.length).toBeGreaterThan(5);
  for (const { what, c, s } of cols) {
    if (!s) continue;
    expect(Math.abs(c.x - s.x), `${what}: left edges`).toBeLessThanOrEqual(1);
    expect(c.bottom, `${what}: chord above`).toBeLessThanOrEqual(s.top + 1);
    expect(s.top - c.bottom, `${what}: chord right above`).toBeLessThanOrEqual(4);
  }
}

/** The column (chord and syllable) of `chord` over the syllable that starts with `syllable`. */
const column = (chart: Locator, chord: string, syllable: string) =>
  chart.getByTestId("chart-col").filter({ has: chart.page().getByTestId("chart-chord").getByText(chord, { exact: true }) }).filter({ hasText: syllable });

for (const viewport of [PHONE, DESKTOP]) {
  test(`chords stand above their syllables and a long line wraps with them, at ${viewport.width} px`, async ({ page }) => {
    await openSong(page, viewport);
    const chart = page.getByTestId("sheet-lyrics");
    // Inline chords are drawn as chords, not as text in brackets; directives are not shown as written.
    await expect(chart).not.toContainText("[Bm]");
    await expect(chart).not.toContainText("{");
    await expect(chart.locator(".chart-title")).toHaveText("Night Ride");
    await expect(chart.locator(".chart-comment")).toHaveText("Brushes on the snare");
    await expect(chart.getByTestId("chart-section").filter({ hasText: "Verse 1" }).locator(".chart-section-label")).toHaveText("Verse 1");
    await expect(chart.locator("section.chart-chorus .chart-lyric")).toHaveText(["Home", "a", "gain"]);
    await expectChordsOverSyllables(chart);

    // The long verse line wraps: its first and last chords are on different rows, each over its own word.
    await expect(column(chart, "Bm", "river")).toHaveCount(1);
    const rows = await chart.evaluate((el) => {
      const cols = [...el.querySelectorAll("[data-testid=chart-col]")];
      const first = cols.find((c) => c.textContent === "BmRiding")!.getBoundingClientRect();
      const last = cols.find((c) => c.textContent === "Bmriver")!.getBoundingClientRect();
      const card = el.getBoundingClientRect();
      // The first E of the verse, after "Riding the": on the same row as Riding while there is room.
      const dark = cols.find((c) => c.textContent === "Edark")!.getBoundingClientRect();
      return { first: { top: first.top, height: first.height, right: first.right }, dark: { top: dark.top, left: dark.left }, last: { top: last.top, right: last.right }, cardRight: card.right };
    });
    // Chords and words flow along the line: "Riding the dark" is one row, not a stack of chords and words.
    expect(Math.abs(rows.dark.top - rows.first.top), "Bm and E on one row").toBeLessThanOrEqual(1);
    expect(rows.dark.left, "E right of Riding").toBeGreaterThan(rows.first.right);
    expect(rows.last.top, "the long line wraps").toBeGreaterThan(rows.first.top + rows.first.height / 2);
    // Nothing sticks out of the card, nor the page out of the screen.
    expect(rows.last.right).toBeLessThanOrEqual(rows.cardRight + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    // Chords over lyrics written on two lines line up the same way.
    await expect(column(chart, "E", "dark")).toHaveCount(2);

    await expectNoSeriousA11yViolations(page, `song sheet chart at ${viewport.width} px`);
  });
}

test("transposing moves every chord and the key, stays in this browser, and goes back to the written key", async ({ page }) => {
  await openSong(page, PHONE);
  const chart = page.getByTestId("sheet-lyrics");
  const key = page.getByTestId("transpose-key");
  await expect(key).toHaveText("Key: Bm");
  await page.getByRole("button", { name: "Transpose up a semitone" }).click();
  await page.getByRole("button", { name: "Transpose up a semitone" }).click();
  await expect(key).toHaveText("Key: C#m (+2)");
  await expect(chart.getByTestId("chart-chord").first()).toHaveText("C#m");
  await expect(column(chart, "F#", "dark")).toHaveCount(2);
  await expect(column(chart, "A", "Home")).toHaveCount(1);
  await expect(page.getByTestId("song-sheet").locator(".sheet-facts")).toContainText("C#m (+2, written Bm)");
  await expectChordsOverSyllables(chart);

  // A view choice of this browser: still there after a reload, and the song's key unchanged.
  await page.reload();
  await expect(key).toHaveText("Key: C#m (+2)");
  const song = await seed.query<{ key: string; lyrics: string }>(`SELECT key, lyrics FROM "Song" WHERE id = $1`, [songId]);
  expect(song[0]).toEqual({ key: "Bm", lyrics: LYRICS });

  await page.getByRole("button", { name: "Transpose down a semitone" }).click();
  await expect(key).toHaveText("Key: Cm (+1)");
  await page.getByRole("button", { name: "Written key" }).click();
  await expect(key).toHaveText("Key: Bm");
  await expect(chart.getByTestId("chart-chord").first()).toHaveText("Bm");
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`the stage view is one column of large type, says whether the screen stays on, and closes with Escape, at ${viewport.width} px`, async ({ page }) => {
    // A browser that keeps the screen on when asked (headless Chromium refuses; phones allow it).
    await page.addInitScript(() => {
      Object.defineProperty(navigator, "wakeLock", {
        configurable: true,
        value: { request: async () => Object.assign(new EventTarget(), { released: false, type: "screen", release: async () => undefined }) },
      });
    });
    await openSong(page, viewport);
    const open = page.getByRole("button", { name: "Stage view" });
    await open.click();
    const stage = page.getByRole("dialog", { name: "Night Ride" });
    await expect(stage).toBeVisible();
    await expect(stage.getByTestId("wake-lock-status")).toHaveText("The screen stays on while the stage view is open.");
    const chart = stage.getByTestId("sheet-lyrics");
    // Large type.
    const size = await chart.locator(".chart-lyric").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    // One column: every section starts at the same left edge, one under the other.
    const sections = await chart.getByTestId("chart-section").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, top: r.top, bottom: r.bottom })));
    expect(sections.length).toBeGreaterThan(2);
    for (let i = 1; i < sections.length; i++) {
      expect(Math.abs(sections[i]!.x - sections[0]!.x)).toBeLessThanOrEqual(1);
      expect(sections[i]!.top).toBeGreaterThanOrEqual(sections[i - 1]!.bottom - 1);
    }
    await expectChordsOverSyllables(chart);
    // The stage view fills the screen.
    const dialogBox = await box(stage);
    expect(dialogBox.width).toBeGreaterThanOrEqual(viewport.width - 1);
    // Transposing here is the same choice as on the page.
    await stage.getByRole("button", { name: "Transpose up a semitone" }).click();
    await expect(stage.getByTestId("transpose-key")).toHaveText("Key: Cm (+1)");
    await expect(chart.getByTestId("chart-chord").first()).toHaveText("Cm");
    await expectNoSeriousA11yViolations(page, `stage view at ${viewport.width} px`);
    await screenshotAtWidths(page, "song-sheet-stage", [viewport.width]);

    await page.keyboard.press("Escape");
    await expect(stage).toBeHidden();
    await expect(open).toBeFocused();
    await expect(page.getByTestId("stage-view")).toHaveCount(0);
    await expect(page.getByTestId("song-sheet").getByTestId("transpose-key")).toHaveText("Key: Cm (+1)");
    await page.getByRole("button", { name: "Written key" }).click();
  });
}

test("the stage view says so when the browser cannot keep the screen on; Close leaves it; auto-scroll scrolls", async ({ page }) => {
  await page.addInitScript(() => {
    delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
  });
  await openSong(page, { width: PHONE.width, height: 500 });
  await page.getByRole("button", { name: "Stage view" }).click();
  const stage = page.getByRole("dialog", { name: "Night Ride" });
  await expect(stage.getByTestId("wake-lock-status")).toHaveText(/cannot keep the screen on: turn off auto-lock/);
  const body = stage.locator(".stage-body");
  expect(await body.evaluate((el) => el.scrollTop)).toBe(0);
  await stage.getByRole("button", { name: "Auto-scroll" }).click();
  await expect(stage.getByRole("button", { name: "Stop scrolling" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(10);
  await stage.getByRole("button", { name: "Stop scrolling" }).click();
  await stage.getByRole("button", { name: "Close" }).click();
  await expect(stage).toBeHidden();
});

test("on a phone the sheet is one tap from the top of the song page, and the player stays where it is", async ({ page }) => {
  await openSong(page, PHONE);
  const heading = page.getByRole("heading", { name: "Song sheet" });
  await expect(heading).not.toBeInViewport();
  const jump = page.getByRole("link", { name: "Song sheet" });
  await expect(jump).toBeInViewport();
  const jumpBox = await box(jump);
  expect(jumpBox.height).toBeGreaterThanOrEqual(44);
  await jump.click();
  await expect(heading).toBeInViewport();
  await expect(page.getByRole("button", { name: "Stage view" })).toBeInViewport();
  await page.getByRole("button", { name: "Transpose up a semitone" }).click();
  expect(await smallTouchTargets(page), "song page controls under 44x44 px, with the sheet transposed").toEqual([]);
  await page.getByRole("button", { name: "Written key" }).click();
  // The player is still on the page, above the sheet.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId("player")).toBeInViewport();
  await screenshotAtWidths(page, "song-sheet-chart");
});
