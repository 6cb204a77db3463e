import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page, Route } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
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
let loudness: { id: string; loudnessLufs: number | null }[] = [];

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
  loudness = await seed.query<{ id: string; loudnessLufs: number | null }>(`SELECT id, "loudnessLufs" FROM "Version" WHERE id = ANY($1)`, [[takeA, takeB]]);
});

// Tests that change a take's offset or loudness put them back for the next one.
test.afterEach(async () => {
  await seed.query(`UPDATE "Version" SET "offsetSeconds" = CASE WHEN id = $2 THEN 2 ELSE 0 END WHERE id IN ($1, $2)`, [takeA, takeB]);
  for (const row of loudness) await seed.query(`UPDATE "Version" SET "loudnessLufs" = $2 WHERE id = $1`, [row.id, row.loudnessLufs]);
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

test("the page's frame (header, band tabs, back link) prefetches its links only once the page has loaded", async ({ page }) => {
  // Held back: the audio element's first bytes, and with them the page's load event.
  const held: Route[] = [];
  let holding = true;
  await page.route("**/api/versions/*/stream", (route) => {
    if (holding) held.push(route);
    else void route.continue();
  });
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  await page.goto(song(`?take=${takeA}`), { waitUntil: "commit" });
  // Interactive and its waveform drawn: the links have long been on screen, hydrated.
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.readyState)).not.toBe("complete");
  expect(prefetches).toEqual([]);
  holding = false;
  for (const route of held.splice(0)) await route.continue();
  await expect.poll(() => prefetches.length).toBeGreaterThan(0);
});

test("a deep link opens its take at its moment; bad parameters are ignored", async ({ page }) => {
  await page.goto(song(`?take=${takeB}&t=12.5`));
  await expect.poll(() => now(page)).toBeCloseTo(12.5, 0);
  await expect(page.getByTestId("player-current")).toHaveText("0:12");
  await expect(page.locator(`[data-take-id="${takeB}"]`)).toHaveAttribute("aria-current", "true");

  await page.goto(song(`?take=${takeA}&t=oops&end=-3`));
  // The player is in the server's HTML, so its being visible says nothing: once the waveform
  // is drawn the page has hydrated and the player has applied whatever start it took.
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  expect(await now(page)).toBeLessThan(1);
  await expect(page.getByTestId("loop-state")).toContainText("No loop");
});

test("an A-B loop keeps the playhead inside the passage over several passes", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=5&end=7`));
  await expect(page.getByTestId("loop-state")).toHaveText("Loop 0:05–0:07");
  await expect(page.locator("[data-testid=waveform-overlay][data-overlay-id=loop]")).toHaveCount(1);
  await muted(page);
  await page.getByTestId("player-toggle").click();
  // Sample once the playhead moves, not from the click: a slow start would eat the passes.
  await expect.poll(() => now(page)).toBeGreaterThan(5);
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
  await expect(page.getByTestId("loop-state")).toHaveText(/^Loop from 0:1\d/);
  // B a second or more after A: wait for the playhead to get there, not for a fixed time.
  const loopStart = await now(page);
  await expect.poll(() => now(page)).toBeGreaterThan(loopStart + 1);
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

test("on a laptop the sticky player never covers what the keyboard focuses", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(song(`?take=${takeA}`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  const player = page.getByTestId("player");
  // Scrolled to the end, the comment box and the align panel are below the stuck player;
  // focusing each scrolls it into view below the player, not under it.
  for (const target of [page.locator("#comment-body"), page.getByTestId("align-take").locator("summary")]) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await target.evaluate((el: HTMLElement) => el.focus());
    await expect(target).toBeFocused();
    const playerBox = (await player.boundingBox())!;
    const box = (await target.boundingBox())!;
    expect(box.y, "the focused control starts below the player").toBeGreaterThanOrEqual(playerBox.y + playerBox.height);
  }
});

const strip = (page: Page) => page.getByTestId("align-strip");
const draftOffset = async (page: Page) => Number(await strip(page).getAttribute("aria-valuenow"));
const savedOffset = async (id: string) => (await seed.query<{ offsetSeconds: number }>(`SELECT "offsetSeconds" FROM "Version" WHERE id = $1`, [id]))[0]!.offsetSeconds;

/** Opens the align panel of the page's take and waits for both strips to be drawn. */
async function openAlign(page: Page) {
  const panel = page.getByTestId("align-take");
  await panel.locator("summary").click();
  await expect(panel.getByTestId("align-reference-canvas")).toHaveAttribute("data-ready", "true");
  await expect(panel.getByTestId("align-take-canvas")).toHaveAttribute("data-ready", "true");
  return panel;
}

test("dragging a take's waveform against another's sets its offset; saved, switching takes follows it", async ({ page }) => {
  await page.goto(song(`?take=${takeB}`));
  const panel = await openAlign(page);
  // The reference is take A (offset 0), drawn fixed; take B's strip starts at its saved 2 s.
  await expect(strip(page)).toHaveAttribute("aria-valuenow", "2");
  const canvas = panel.getByTestId("align-take-canvas");
  const drawing = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const before = await drawing();
  const reference = await panel.getByTestId("align-reference-canvas").evaluate((c: HTMLCanvasElement) => c.toDataURL());

  // Below the player, which stays on screen on a laptop.
  await strip(page).evaluate((el) => el.scrollIntoView({ block: "end" }));
  const box = (await strip(page).boundingBox())!;
  // The strip spans 40 s of the reference.
  const perSecond = box.width / 40;
  const y = box.y + box.height / 2;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Dragging the waveform 1.5 s to the left: its music now starts 1.5 s later in its file.
  await page.mouse.move(x - 1.5 * perSecond, y, { steps: 4 });
  await expect.poll(() => draftOffset(page)).toBeGreaterThan(3.2);
  // It moved while the button is still down: readout, value and drawing.
  expect(Math.abs((await draftOffset(page)) - 3.5)).toBeLessThanOrEqual(0.2);
  await expect(panel.getByTestId("align-draft")).toHaveText(`${(await draftOffset(page)).toFixed(1)} s`);
  expect(await drawing()).not.toBe(before);
  await page.mouse.move(x - 3 * perSecond, y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => draftOffset(page)).toBeGreaterThan(4.7);
  const dragged = await draftOffset(page);
  expect(Math.abs(dragged - 5)).toBeLessThanOrEqual(0.2);
  // The reference never moves.
  expect(await panel.getByTestId("align-reference-canvas").evaluate((c: HTMLCanvasElement) => c.toDataURL())).toBe(reference);

  await panel.getByTestId("align-save").click();
  await expect(panel.getByText("Offset saved.")).toBeVisible();
  await expect(panel.locator("summary")).toContainText(`offset ${dragged.toFixed(1)} s`);
  await expect.poll(() => savedOffset(takeB)).toBeCloseTo(dragged, 5);
  await expect(panel.getByTestId("align-save")).toBeDisabled();

  await page.reload();
  await expect(page.getByTestId("align-take").locator("summary")).toContainText(`offset ${dragged.toFixed(1)} s`);

  // 10 s into take A is 10 s + the new offset into take B.
  await page.goto(song(`?take=${takeA}&t=10`));
  await expect.poll(() => now(page)).toBeCloseTo(10, 0);
  await page.locator(`[data-take-id="${takeB}"]`).click();
  await expect(page).toHaveURL(new RegExp(`take=${takeB}`));
  await expect.poll(() => now(page)).toBeCloseTo(10 + dragged, 1);
});

test("a finger drags the strip sideways on a phone", async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  try {
    await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
    const page = await context.newPage();
    await page.goto(`${origin}${song(`?take=${takeB}`)}`);
    await openAlign(page);
    await strip(page).evaluate((el) => el.scrollIntoView({ block: "center" }));
    const box = (await strip(page).boundingBox())!;
    const perSecond = box.width / 40;
    const y = box.y + box.height / 2;
    const x = box.x + box.width / 2;
    const touch = await context.newCDPSession(page);
    await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
    for (let i = 1; i <= 6; i++) await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x + (i / 6) * 2 * perSecond, y }] });
    await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    // Dragged 2 s to the right: the music starts 2 s earlier in the file, 2 s -> 0 s.
    await expect.poll(() => draftOffset(page), { timeout: 5_000 }).toBeLessThan(0.5);
    expect(Math.abs(await draftOffset(page))).toBeLessThanOrEqual(0.3);
    expect(await strip(page).evaluate((el) => getComputedStyle(el).touchAction)).toBe("pan-y");
  } finally {
    await context.close();
  }
});

test("the align strip by keyboard: arrows a tenth, Shift+arrows a second, Home back to the saved offset", async ({ page }) => {
  await page.goto(song(`?take=${takeB}&t=20`));
  await expect.poll(() => now(page)).toBeCloseTo(20, 0);
  const panel = await openAlign(page);
  await strip(page).focus();
  const expectDraft = async (value: string) => {
    await expect(strip(page)).toHaveAttribute("aria-valuenow", value);
    await expect(panel.getByTestId("align-draft")).toHaveText(`${Number(value).toFixed(1)} s`);
  };
  await page.keyboard.press("ArrowRight");
  await expectDraft("2.1");
  await page.keyboard.press("Shift+ArrowRight");
  await expectDraft("3.1");
  await page.keyboard.press("ArrowLeft");
  await expectDraft("3");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expectDraft("1");
  await page.keyboard.press("ArrowDown");
  await expectDraft("0.9");
  await expect(strip(page)).toHaveAttribute("aria-valuetext", "0.9 seconds: the music starts 0.9 seconds into the file");
  await expect(strip(page)).toHaveAttribute("data-shift", "0.9");
  await page.keyboard.press("Home");
  await expectDraft("2");
  // The arrows were the strip's: the player did not skip.
  expect(await now(page)).toBeCloseTo(20, 0);
  // The nudge buttons move the strip too.
  await panel.getByRole("button", { name: "+1 s" }).click();
  await expect(strip(page)).toHaveAttribute("data-shift", "3");
  await expectDraft("3");
  expect(await savedOffset(takeB)).toBe(2);
});

test("a member who did not upload the take sees the strips but cannot move them", async ({ page, context }) => {
  const listener = await seed.user("listener");
  await seed.addMember(bandId, listener, "MEMBER");
  await context.addCookies([{ name: "next-auth.session-token", value: listener.cookie.split("=")[1]!, url: origin }]);
  await page.goto(song(`?take=${takeB}&t=20`));
  await expect.poll(() => now(page)).toBeCloseTo(20, 0);
  const panel = await openAlign(page);
  await expect(strip(page)).toHaveAttribute("aria-readonly", "true");
  await expect(strip(page)).toHaveAccessibleDescription("Only the uploader or an admin can change it.");
  // Below the player, which stays on screen on a laptop.
  await strip(page).evaluate((el) => el.scrollIntoView({ block: "end" }));
  const box = (await strip(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await strip(page).focus();
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(strip(page)).toHaveAttribute("aria-valuenow", "2");
  await expect(panel.getByTestId("align-save")).toBeDisabled();
  // The strip's arrows are still the strip's, not the player's.
  expect(await now(page)).toBeCloseTo(20, 0);
  await expectNoSeriousA11yViolations(page, "align panel, read only");
  await seed.removeMember(bandId, listener);
});

test("the align panel is accessible and fits a phone and a laptop", async ({ page }) => {
  await page.goto(song(`?take=${takeB}`));
  const panel = await openAlign(page);
  await strip(page).focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(strip(page)).toHaveAttribute("aria-valuenow", "3");
  await expectNoSeriousA11yViolations(page, "align panel");
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    // Phones get 44 px controls; desktops keep the compact buttons (globals.css, touch targets).
    if (width < 640) expect(await smallTouchTargets(page), `small targets at ${width} px`).toEqual([]);
    const box = (await strip(page).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  await panel.scrollIntoViewIfNeeded();
  await screenshotAtWidths(page, "align");
});

test("Suggest lines the take up with another, says how sure it is, and offers the next-best offsets", async ({ page }) => {
  await page.goto(song(`?take=${takeB}`));
  const panel = await openAlign(page);
  await panel.getByTestId("align-suggest").click();
  // The same recording as take A (offset 0): its music starts where A's does.
  await expect(panel.getByTestId("align-draft")).toHaveText("0.0 s");
  await expect(panel.getByTestId("align-confidence")).toHaveText("a clear match");
  // The beeps repeat every second: the next best are a beat either side.
  const candidates = panel.getByTestId("align-candidate");
  await expect(candidates).toHaveCount(3);
  await expect(candidates.first()).toHaveText("0.0 s · best");
  await expect(candidates.first()).toHaveAttribute("aria-pressed", "true");
  const other = (await candidates.nth(1).textContent())!.trim();
  expect(["1.0 s", "-1.0 s"]).toContain(other);
  await candidates.nth(1).click();
  await expect(panel.getByTestId("align-draft")).toHaveText(other);
  await expect(candidates.nth(1)).toHaveAttribute("aria-pressed", "true");
  await expect(strip(page)).toHaveAttribute("aria-valuenow", String(Number.parseFloat(other)));
  // Nothing is saved until Save.
  expect(await savedOffset(takeB)).toBe(2);
  await expectNoSeriousA11yViolations(page, "align panel, suggestion");
  await screenshotAtWidths(page, "align-suggestion");
});

test("the tempo ladder speeds a loop up pass by pass until full speed", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=5&end=7`));
  await expect(page.getByTestId("loop-state")).toHaveText("Loop 0:05–0:07");
  await muted(page);
  const rate = () => audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate);
  // Turned on over the loop, the ladder starts on its first rung.
  await page.getByTestId("ladder-toggle").check();
  await expect.poll(rate).toBe(0.7);
  await page.getByTestId("ladder-step").fill("10");
  await audio(page).evaluate((a: HTMLAudioElement) => {
    const w = window as unknown as { __rates: number[]; __seeks: number };
    w.__rates = [];
    w.__seeks = 0;
    a.addEventListener("ratechange", () => w.__rates.push(a.playbackRate));
    // Each pass ends with a jump back to the loop's start.
    a.addEventListener("seeking", () => (w.__seeks += 1));
  });
  await page.getByTestId("player-toggle").click();
  // 70%, then +10% on each pass through 0:05-0:07, then full speed, and it stays there.
  await expect.poll(rate, { timeout: 15_000 }).toBe(0.8);
  await expect.poll(rate, { timeout: 15_000 }).toBe(0.9);
  await expect.poll(rate, { timeout: 15_000 }).toBe(1);
  const rates = () => page.evaluate(() => (window as unknown as { __rates: number[] }).__rates);
  expect(await rates()).toEqual([0.8, 0.9, 1]);
  // One more pass at full speed: counted by its jump back, not by sampling the playhead
  // (full speed is reached at a jump back, so a sample just after it is already at the start).
  const seeks = () => page.evaluate(() => (window as unknown as { __seeks: number }).__seeks);
  const passes = await seeks();
  await expect.poll(seeks, { timeout: 15_000 }).toBeGreaterThan(passes);
  expect(await rate()).toBe(1);
  expect((await rates()).every((r, i, all) => i === 0 || r >= all[i - 1]!)).toBe(true);
  const at = await now(page);
  expect(at).toBeGreaterThanOrEqual(4.9);
  expect(at).toBeLessThan(7.4);
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
});

test("turning the tempo ladder off goes back to the speed set before it", async ({ page }) => {
  await page.goto(song(`?take=${takeA}&t=5&end=7`));
  await expect(page.getByTestId("loop-state")).toHaveText("Loop 0:05–0:07");
  const rate = () => audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate);
  await page.getByTestId("player-speed").selectOption("1.25");
  await expect.poll(rate).toBe(1.25);
  await page.getByTestId("ladder-toggle").check();
  await expect.poll(rate).toBe(0.7);
  await expect(page.getByTestId("player-speed")).toHaveValue("0.7");
  await page.getByTestId("ladder-toggle").uncheck();
  await expect.poll(rate).toBe(1.25);
  await expect(page.getByTestId("player-speed")).toHaveValue("1.25");

  // With no speed chosen before, it goes back to full speed.
  await page.goto(song(`?take=${takeA}&t=5&end=7`));
  await expect(page.getByTestId("loop-state")).toHaveText("Loop 0:05–0:07");
  await page.getByTestId("ladder-toggle").check();
  await expect.poll(rate).toBe(0.7);
  await page.getByTestId("ladder-toggle").uncheck();
  await expect.poll(rate).toBe(1);
  await expect(page.getByTestId("player-speed")).toHaveValue("1");
});

test("the zoom buttons say zoom; the volume slider and mute drive the element and are kept", async ({ page }) => {
  await page.goto(song(`?take=${takeA}`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  const zoom = page.getByRole("group", { name: "Waveform zoom" });
  await expect(zoom.getByRole("button", { name: "Zoom in" })).toBeVisible();
  await expect(zoom.getByRole("button", { name: "Zoom out" })).toBeVisible();

  const element = () => audio(page).evaluate((a: HTMLAudioElement) => ({ volume: a.volume, muted: a.muted }));
  const slider = page.getByRole("slider", { name: "Volume", exact: true });
  await expect(slider).toHaveValue("1");
  await slider.fill("0.4");
  await expect.poll(element).toEqual({ volume: 0.4, muted: false });
  const mute = page.getByRole("button", { name: "Mute" });
  await mute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "true");
  await expect.poll(element).toEqual({ volume: 0.4, muted: true });

  await page.reload();
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await expect(page.getByRole("slider", { name: "Volume", exact: true })).toHaveValue("0.4");
  await expect(page.getByRole("button", { name: "Mute" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(element).toEqual({ volume: 0.4, muted: true });

  // Unmuted again, and turned back up: the next tests hear the take at full volume.
  await page.getByRole("button", { name: "Mute" }).click();
  await expect.poll(element).toEqual({ volume: 0.4, muted: false });
  await page.getByRole("slider", { name: "Volume", exact: true }).fill("1");
  await expect.poll(element).toEqual({ volume: 1, muted: false });
});

test("where a page cannot set the volume (iOS), only mute is offered", async ({ page }) => {
  // iOS keeps every media element's volume at 1 whatever a page writes.
  await page.addInitScript(() => {
    Object.defineProperty(HTMLMediaElement.prototype, "volume", { configurable: true, get: () => 1, set: () => undefined });
  });
  await page.goto(song(`?take=${takeA}`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await expect(page.getByRole("slider", { name: "Volume", exact: true })).toHaveCount(0);
  const mute = page.getByRole("button", { name: "Mute" });
  await mute.click();
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
  await mute.click();
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.muted)).toBe(false);
});

test("a long take title is readable in full in the list and the player, on a phone and a laptop", async ({ page }) => {
  const title = "Saturday afternoon run-through with the new bridge, the slower outro and Marta's harmony on the last chorus";
  await seed.query(`UPDATE "Version" SET title = $2 WHERE id = $1`, [takeA, title]);
  try {
    await page.goto(song(`?take=${takeA}`));
    const name = page.locator(`[data-take-id="${takeA}"] .take-title > span`).first();
    await expect(name).toHaveText(title);
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      for (const shown of [name, page.getByTestId("player").locator(".player-title")]) {
        await shown.scrollIntoViewIfNeeded();
        // Nothing cut off: the box holds the whole text, and the box is on screen.
        const fits = await shown.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1);
        expect(fits, `the whole title shows at ${width} px`).toBe(true);
        const box = (await shown.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
    }
    await screenshotAtWidths(page, "long-take-title");
  } finally {
    await seed.query(`UPDATE "Version" SET title = NULL WHERE id = $1`, [takeA]);
  }
});

test("on a phone a compact player stays in reach, plays and pauses, and never covers what the keyboard focuses", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(song(`?take=${takeA}`));
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await muted(page);
  const mini = page.getByTestId("mini-player");
  // The full player on screen: no second one.
  await expect(mini).toBeHidden();

  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(mini).toBeVisible();
  await expect(mini).toContainText("Take");
  // Its height is reserved after the page's end: scrolled to the end, nothing is left under it.
  await expect.poll(() => page.evaluate(() => document.body.style.paddingBottom)).not.toBe("");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = (await page.locator("main button:visible").last().boundingBox())!;
  expect(last.y + last.height, "the page's last control ends above the compact player").toBeLessThanOrEqual((await mini.boundingBox())!.y);
  const paused = () => audio(page).evaluate((a: HTMLAudioElement) => a.paused);
  await mini.getByTestId("mini-player-toggle").click();
  await expect.poll(paused).toBe(false);
  await expect(mini.getByTestId("mini-player-toggle")).toHaveAccessibleName(/^Pause /);
  await expect.poll(() => now(page)).toBeGreaterThan(1);
  await expect(mini.getByTestId("mini-player-time")).not.toHaveText(/^0:00/);
  await mini.getByTestId("mini-player-toggle").click();
  await expect.poll(paused).toBe(true);
  await expectNoSeriousA11yViolations(page, "song page, compact player");
  expect(await smallTouchTargets(page), "compact player controls under 44x44 px").toEqual([]);
  await page.screenshot({ path: path.resolve(process.env.E2E_ROOT || ".data/e2e", "screenshots", "compact-player-390.png") });

  // The comment box sits just under the bar's top edge; Tab onto it from the control before it.
  const field = page.locator("#comment-body");
  await field.evaluate((el) => {
    const top = el.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - (window.innerHeight - 30));
  });
  await expect(mini).toBeVisible();
  const barTop = (await mini.boundingBox())!.y;
  expect((await field.boundingBox())!.y, "the field starts under the bar").toBeGreaterThan(barTop);
  await field.evaluate((el: HTMLElement) => {
    const focusable = [...document.querySelectorAll<HTMLElement>("main button, main a[href], main input, main select, main textarea, main summary")].filter(
      (e) => !e.closest("[hidden], .mini-player") && e.getClientRects().length > 0 && !(e as HTMLButtonElement).disabled,
    );
    focusable[focusable.indexOf(el) - 1]!.focus({ preventScroll: true });
  });
  await page.keyboard.press("Tab");
  await expect(field).toBeFocused();
  const box = (await field.boundingBox())!;
  expect(box.y + box.height, "the focused field ends above the compact player").toBeLessThanOrEqual((await mini.boundingBox())!.y);

  // Back to the full player: it scrolls into view, its play button focused, the bar gone.
  await mini.getByTestId("mini-player-expand").click();
  await expect(page.getByTestId("player-toggle")).toBeFocused();
  await expect(page.getByTestId("player-toggle")).toBeInViewport();
  await expect(mini).toBeHidden();

  // A laptop never shows it.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByTestId("player")).toBeVisible();
  await expect(mini).toBeHidden();
});

test("B flips between the last two takes at the same moment, the louder one turned down", async ({ page }) => {
  // Take B measured 6 LU louder than take A.
  await seed.query(`UPDATE "Version" SET "loudnessLufs" = CASE WHEN id = $1 THEN -20 ELSE -14 END WHERE id IN ($1, $2)`, [takeA, takeB]);
  const volume = () => audio(page).evaluate((a: HTMLAudioElement) => a.volume);
  const paused = () => audio(page).evaluate((a: HTMLAudioElement) => a.paused);
  const playBriefly = async () => {
    await page.getByTestId("player-toggle").click();
    await expect.poll(paused).toBe(false);
    await page.getByTestId("player-toggle").click();
    await expect.poll(paused).toBe(true);
  };
  await page.goto(song(`?take=${takeA}&t=10`));
  await expect.poll(() => now(page)).toBeCloseTo(10, 0);
  await playBriefly();
  await page.locator(`[data-take-id="${takeB}"]`).click();
  await expect(page).toHaveURL(new RegExp(`take=${takeB}`));
  await playBriefly();
  // Further on in take B, so take A's remembered place is not the moment it should open at.
  await page.keyboard.press("l");
  await expect.poll(() => now(page)).toBeGreaterThan(20);
  await expect(page.getByText(/B flips to .*\(this take turned down 6 dB to match\)/)).toBeVisible();
  // 10^(-6/20): the louder take plays at half amplitude, the quieter at full.
  await expect.poll(volume).toBeCloseTo(0.501, 3);
  const inB = await now(page);

  await page.keyboard.press("b");
  await expect(page).toHaveURL(new RegExp(`take=${takeA}`));
  await expect.poll(() => now(page)).toBeCloseTo(inB - 2, 1);
  await expect.poll(volume).toBe(1);

  await page.keyboard.press("b");
  await expect(page).toHaveURL(new RegExp(`take=${takeB}`));
  await expect.poll(() => now(page)).toBeCloseTo(inB, 1);
  await expect.poll(volume).toBeCloseTo(0.501, 3);
});

test("the lock screen shows the take, song and band, and its play, pause and seek controls work", async ({ page }) => {
  // Keep the handlers the page registers, to call them as the operating system would.
  await page.addInitScript(() => {
    const handlers: Record<string, MediaSessionActionHandler | null> = {};
    (window as unknown as { __media: typeof handlers }).__media = handlers;
    const original = MediaSession.prototype.setActionHandler;
    MediaSession.prototype.setActionHandler = function (action, handler) {
      handlers[action] = handler;
      return original.call(this, action, handler);
    };
  });
  await page.goto(song(`?take=${takeA}&t=3`));
  await expect.poll(() => now(page)).toBeCloseTo(3, 0);
  await muted(page);
  const title = (await page.locator(".player-title").textContent())!.trim();
  expect(await page.evaluate(() => {
    const m = navigator.mediaSession.metadata;
    return m && { title: m.title, artist: m.artist, album: m.album, artwork: m.artwork.length };
  })).toEqual({ title, artist: "Player band", album: "Bridge", artwork: 2 });

  const act = (action: MediaSessionAction, details: Partial<MediaSessionActionDetails> = {}) =>
    page.evaluate(([a, d]) => {
      const handler = (window as unknown as { __media: Record<string, MediaSessionActionHandler | null> }).__media[a];
      if (!handler) throw new Error(`no ${a} handler`);
      handler({ action: a, ...d } as MediaSessionActionDetails);
    }, [action, details] as const);
  const paused = () => audio(page).evaluate((a: HTMLAudioElement) => a.paused);

  await act("play");
  await expect.poll(paused).toBe(false);
  await expect.poll(() => page.evaluate(() => navigator.mediaSession.playbackState)).toBe("playing");
  await act("pause");
  await expect.poll(paused).toBe(true);
  await expect.poll(() => page.evaluate(() => navigator.mediaSession.playbackState)).toBe("paused");
  await act("seekto", { seekTime: 12 });
  await expect.poll(() => now(page)).toBeCloseTo(12, 1);
  await act("seekforward", { seekOffset: 5 });
  await expect.poll(() => now(page)).toBeCloseTo(17, 1);
  await act("seekbackward");
  await expect.poll(() => now(page)).toBeCloseTo(7, 1);
  await act("seekforward");
  await expect.poll(() => now(page)).toBeCloseTo(17, 1);
});
