import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { procedure } from "./support/api";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, firstLink, test, waitForMail } from "./support/fixtures";

/**
 * Links that open the exact take, moment and comment (a mention mail, the
 * activity feed), the comment composer (no moment before the take has played,
 * typed times that seek, the @ list that stays shut after a pick), and pins on
 * the waveform that never get in the way of seeking or dragging.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const SECONDS = 40;

let seed: AudioSeed;
let alex: SeededUser;
let robin: SeededUser;
let robinEmail: string;
let bandId: string;
let songId: string;
let dir: string;
/** The older take (the page opens the newer one by default) and the newer one. */
let older: string;
let newer: string;

async function uploadTake(name: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(makeAudioFile(dir, "mp3", SECONDS)))]), name);
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: alex.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function untilReady(take: string) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = (await seed.query<{ processing: string }>(`SELECT processing::text FROM "Version" WHERE id = $1`, [take]))[0]?.processing;
    if (state === "READY") return;
    if (state === "FAILED" || Date.now() > deadline) throw new Error(`take ${take} is ${state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-links-"));
  seed = new AudioSeed();
  alex = await seed.user("alex");
  robin = await seed.user("robin");
  await seed.query(`UPDATE "User" SET name = 'Alex Stone' WHERE id = $1`, [alex.id]);
  await seed.query(`UPDATE "User" SET name = 'Robin Hale' WHERE id = $1`, [robin.id]);
  robinEmail = (await seed.query<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [robin.id]))[0]!.email;
  bandId = await seed.band(alex, "Link band");
  await seed.addMember(bandId, robin);
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Outro', now()) RETURNING id`, [bandId]))[0]!.id;
  older = await uploadTake("outro-monday.mp3");
  await untilReady(older);
  newer = await uploadTake("outro-friday.mp3");
  await untilReady(newer);
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, who: SeededUser) {
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "next-auth.session-token", value: who.cookie.split("=")[1]!, url: origin }]);
}

const audio = (page: Page) => page.getByTestId("player-audio");
const now = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => a.currentTime);
const streaming = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => new URL(a.src).pathname);

/** The page is ready to be played with: waveform drawn, audio muted, its metadata in. */
async function ready(page: Page) {
  await expect(page.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await audio(page).evaluate((a: HTMLAudioElement) => (a.muted = true));
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
}

/** From now on, the farthest the page scrolls from where it is (read with `scrolledBy`). */
const watchScroll = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __scrollFrom: number; __scrolledBy: number };
    w.__scrollFrom = window.scrollY;
    w.__scrolledBy = 0;
    window.addEventListener("scroll", () => (w.__scrolledBy = Math.max(w.__scrolledBy, Math.abs(window.scrollY - w.__scrollFrom))));
  });
const scrolledBy = (page: Page) => page.evaluate(() => (window as unknown as { __scrolledBy: number }).__scrolledBy);

type Comment = { id: string };
const comment = (page: Page, input: { versionId: string; body: string; atSeconds?: number; parentId?: string }) =>
  procedure<Comment>(page, "comment.create", { bandId, ...input });

/** A long thread early in the older take, so the comment a link names is well below the player. */
async function fillerThread(page: Page, atSeconds: number) {
  const first = await comment(page, { versionId: older, body: "The count-in is steady", atSeconds });
  for (let i = 0; i < 8; i++) await comment(page, { versionId: older, body: `Reply ${i}: agreed, the groove sits well here, keep it`, parentId: first.id });
}

test("a mention mail opens the take it is on, at its moment, with the comment shown and focused", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, alex);
  await fillerThread(page, 1);
  const before = Date.now() - 1000;
  const mention = await comment(page, { versionId: older, body: "@Robin Hale the fill before the last chorus", atSeconds: 30 });

  // The mention's delivery waits a minute for more to group with it; the test lets it go now.
  await expect
    .poll(async () => (await seed.query(`SELECT 1 FROM pgboss.job WHERE name = 'notify-delivery' AND data->>'userId' = $1 AND state = 'created'`, [robin.id])).length, { timeout: 30_000 })
    .toBe(1);
  await seed.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'notify-delivery' AND data->>'userId' = $1 AND state = 'created'`, [robin.id]);
  const mail = await waitForMail(robinEmail, /Alex Stone mentioned you on Outro/, { after: before, timeoutMs: 60_000 });
  const link = firstLink(mail, /\/songs\//);
  expect(link).toBe(`${origin}/bands/${bandId}/songs/${songId}?take=${older}&t=30#comment-${mention.id}`);
  expect(mail.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);

  await signIn(page, robin);
  await page.goto(link);
  await ready(page);
  expect(await streaming(page)).toBe(`/api/versions/${older}/stream`);
  await expect.poll(() => now(page)).toBeCloseTo(30, 0);
  const shown = page.locator(`#comment-${mention.id}`);
  await expect(shown).toHaveAttribute("data-highlighted", "true");
  await expect(shown).toBeFocused();
  await expect(shown).toBeInViewport();
  await expect(shown).toContainText("the fill before the last chorus");
  await expectNoSeriousA11yViolations(page);
  await screenshotAtWidths(page, "comment-link-opened");
});

test("a reply in the activity feed opens its take at the comment's moment, the reply shown", async ({ page }) => {
  await signIn(page, alex);
  await fillerThread(page, 6);
  const parent = await comment(page, { versionId: older, body: "Bass comes in late here", atSeconds: 22 });
  await signIn(page, robin);
  const reply = await comment(page, { versionId: older, body: "I will count it in next time", parentId: parent.id });

  await signIn(page, alex);
  await page.goto(`/bands/${bandId}/activity`);
  const line = page.locator('[data-testid=activity-item][data-type="COMMENT_REPLIED"]').first();
  await expect(line.getByRole("link")).toHaveAttribute("href", `/bands/${bandId}/songs/${songId}?take=${older}&t=22#comment-${reply.id}`);
  await line.getByRole("link").click();
  await ready(page);
  await expect(page).toHaveURL(new RegExp(`take=${older}.*#comment-${reply.id}$`));
  expect(await streaming(page)).toBe(`/api/versions/${older}/stream`);
  await expect.poll(() => now(page)).toBeCloseTo(22, 0);
  const shown = page.locator(`#comment-${reply.id}`);
  await expect(shown).toHaveAttribute("data-highlighted", "true");
  await expect(shown).toBeFocused();
  await expect(shown).toBeInViewport();
});

test("a new comment is a general one until the take has played; then it is at the playhead", async ({ page }) => {
  await signIn(page, robin);
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${newer}`);
  await ready(page);
  const form = page.getByTestId("comment-form");
  await expect(form.getByTestId("comment-general-note")).toBeVisible();
  await expect(form.getByRole("checkbox")).toHaveCount(0);
  await page.locator("#comment-body").fill("Listen at 0:25, the snare is late");
  await form.getByRole("button", { name: "Comment", exact: true }).click();
  const posted = page.getByTestId("comment").filter({ hasText: "Listen at 0:25" });
  await expect(posted.getByTestId("comment-general")).toHaveText("General");
  const row = (await seed.query<{ at: number | null }>(`SELECT "atSeconds" AS at FROM "Comment" WHERE body = 'Listen at 0:25, the snare is late'`))[0]!;
  expect(row.at).toBeNull();

  // The typed time is a link that seeks this take's player (and plays from there).
  const time = posted.getByRole("link", { name: /^0:25, play/ });
  await time.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => now(page)).toBeGreaterThanOrEqual(24.5);
  expect(await now(page)).toBeLessThan(SECONDS);
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => audio(page).evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
  const playhead = Math.floor(await now(page));
  // Played and sought: the composer now offers the playhead's moment, ticked.
  await expect(form.getByRole("checkbox")).toBeChecked();
  await expect(form.getByTestId("comment-at")).toHaveText(`0:${String(playhead).padStart(2, "0")}`);
  await page.locator("#comment-body").fill("Here it is");
  await form.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByTestId("comment").filter({ hasText: "Here it is" }).getByTestId("comment-timestamp")).toBeVisible();
  const pinned = (await seed.query<{ at: number }>(`SELECT "atSeconds" AS at FROM "Comment" WHERE body = 'Here it is'`))[0]!;
  expect(Math.floor(pinned.at)).toBe(playhead);
  await expectNoSeriousA11yViolations(page);
});

test("the @ list shuts after a pick and opens for a new @ only; times past the take's end stay text", async ({ page }) => {
  await signIn(page, robin);
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${newer}`);
  await ready(page);
  const box = page.locator("#comment-body");
  const list = page.getByRole("listbox", { name: "Mention a band member" });
  await box.click();
  await box.pressSequentially("Nice @Ale");
  await expect(list).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue("Nice @Alex Stone ");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.pressSequentially("and");
  await expect(list).toBeHidden();
  // Nothing lies over the Comment button: a click on it posts.
  await page.getByTestId("comment-form").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByTestId("comment").filter({ hasText: "Nice @Alex Stone and" })).toHaveCount(1);
  await box.click();
  await box.pressSequentially("again @Ro");
  await expect(list.getByRole("option")).toHaveText(["@Robin Hale"]);
  await box.press("Escape");
  await expect(list).toBeHidden();
  await box.pressSequentially(" @");
  await expect(list).toBeVisible();

  await comment(page, { versionId: newer, body: "From 0:05 to 9:59 is too long" });
  await page.reload();
  await ready(page);
  const posted = page.getByTestId("comment").filter({ hasText: "From 0:05 to 9:59" });
  await expect(posted.getByRole("link")).toHaveText(["0:05"]);
});

test("pins and their tips never block seeking or dragging, and a pin's click keeps the page at the player", async ({ page }) => {
  await signIn(page, alex);
  const pin = await comment(page, { versionId: older, body: "Tempo drops at this point, everyone listen to the click", atSeconds: 12 });
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${older}&t=12`);
  await ready(page);
  await expect.poll(() => now(page)).toBeCloseTo(12, 0);
  const mark = page.locator(`[data-testid=waveform-overlay][data-overlay-id="${pin.id}"]`);

  // Clicking the pin seeks to it and shows its comment, without scrolling the page away.
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 3));
  await expect.poll(() => now(page)).toBeCloseTo(3, 0);
  await watchScroll(page);
  await mark.click();
  await expect.poll(() => now(page)).toBeCloseTo(12, 0);
  const tip = mark.locator(".waveform-tip");
  await expect(tip).toBeVisible();

  // A click on the waveform where the tip lies seeks there.
  const canvas = (await page.locator(".waveform-canvas").boundingBox())!;
  const tipBox = (await tip.boundingBox())!;
  const x = tipBox.x + tipBox.width * 0.8;
  const y = Math.min(tipBox.y + tipBox.height / 2, canvas.y + canvas.height - 4);
  expect(y).toBeGreaterThan(tipBox.y);
  const expected = ((x - canvas.x) / canvas.width) * SECONDS;
  expect(Math.abs(expected - 12)).toBeGreaterThan(1.5);
  await page.mouse.click(x, y);
  await expect.poll(() => now(page)).toBeCloseTo(expected, 0);
  // All the while (a smooth scroll to the comment would be over by now), the page stayed at the player.
  expect(await scrolledBy(page)).toBeLessThanOrEqual(3);

  // With the tip showing again, a drag starting on it makes a passage.
  await mark.focus();
  await expect(tip).toBeVisible();
  const start = (await tip.boundingBox())!;
  const from = start.x + 6;
  const to = Math.min(from + canvas.width * 0.12, canvas.x + canvas.width - 4);
  await page.mouse.move(from, y);
  await page.mouse.down();
  await page.mouse.move((from + to) / 2, y, { steps: 6 });
  await page.mouse.move(to, y, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId("comment-passage")).toBeVisible();

  // Focus on a pin (as the keyboard gives it) still shows its tip.
  await mark.focus();
  await expect(tip).toBeVisible();
  // Activated, it points its comment out where it is in the list, without scrolling there.
  await watchScroll(page);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("comment").filter({ hasText: "Tempo drops at this point" })).toHaveAttribute("data-highlighted", "true");
  expect(await scrolledBy(page)).toBeLessThanOrEqual(3);
  await screenshotAtWidths(page, "waveform-pins");
  // A pin near the start opens its tip inwards (on a phone it would leave the screen).
  await page.locator("[data-testid=waveform-overlay].tip-start").first().focus();
  await screenshotAtWidths(page, "waveform-pin-start");
});
