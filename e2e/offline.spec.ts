import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, e2eStorageDir, type SeededTake, type SeededUser } from "./support/audio-seed";
import { expect, test } from "./support/fixtures";
import { screenshotAtWidths } from "./support/screenshots";

/**
 * Offline: a saved setlist's page, its songs' pages and their takes come from
 * the service worker with no network; a take plays and seeks (range requests
 * answered from the saved whole file); a readiness mark made offline reaches
 * the server when the network returns; signing out empties every cache.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
let owner: SeededUser;
let bandId: string;
let setlistId: string;
let takes: SeededTake[];
const songIds: string[] = [];

test.beforeAll(async () => {
  seed = new AudioSeed();
  owner = await seed.user("Offline drummer");
  bandId = await seed.band(owner, "Basement band");
  // 30 s each, so a seek to 20 s lands inside the take; each its own tone.
  takes = [];
  for (const [i, title] of ["Cellar song", "Venue song"].entries()) {
    takes.push(await seed.take(bandId, owner, makeWav({ seconds: 30, sampleRate: 22_050, channels: 1, frequency: 330 + 110 * i }), { songTitle: title }));
  }
  for (const take of takes) songIds.push(await seed.songOf(take));
  setlistId = await seed.setlist(bandId, "Friday gig", songIds);
});
test.afterAll(async () => {
  await seed?.close();
});

const setlistPage = () => `/bands/${bandId}/setlists/${setlistId}`;
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

test("a saved setlist opens, plays and seeks offline; a mark made offline syncs; signing out empties the caches", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addCookies([{ name: "next-auth.session-token", value: owner.cookie.split("=")[1]!, url: origin }]);
  await page.goto(setlistPage());
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

  await page.getByRole("button", { name: "Save for offline" }).click();
  await expect(page.getByTestId("offline-saved")).toContainText(/Saved for offline · \d/, { timeout: 30_000 });
  // Both takes' whole files are in the person's cache.
  const savedTakes = await page.evaluate(async (userId) => {
    const cache = await caches.open(`rehearsalhub-saved-${userId}`);
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.endsWith("/stream"));
  }, owner.id);
  expect(savedTakes.sort()).toEqual(takes.map((t) => `/api/versions/${t.versionId}/stream`).sort());
  // Nothing else is kept: no API answers (they are no-store), no sign-in or other pages, no other origin.
  const kept = await page.evaluate(async () => {
    const all: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) all.push(`${name} ${r.url}`);
    return all;
  });
  for (const entry of kept) {
    expect(entry).toMatch(
      new RegExp(
        `^(rehearsalhub-saved-${owner.id} ${origin}/(bands/[^/]+/(setlists|songs)/[^/]+|offline|api/versions/[^/]+/(stream|peaks|analysis)|__offline/items/(setlist|song)/[^/]+)|rehearsalhub-static ${origin}/_next/static/.+|rehearsalhub-session ${origin}/__offline/session)$`,
      ),
    );
  }

  // No network from here.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Friday gig" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cellar song" })).toBeVisible();
  await screenshotAtWidths(page, "offline-setlist");
  await expectNoSeriousA11yViolations(page, "offline setlist");

  // Open a song from the set: its saved page, its take playing from the cache.
  const streamAnswers: { status: number; fromServiceWorker: boolean; range: string | null }[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith(`/api/versions/${takes[0]!.versionId}/stream`)) {
      streamAnswers.push({ status: response.status(), fromServiceWorker: response.fromServiceWorker(), range: response.headers()["content-range"] ?? null });
    }
  });
  await page.getByRole("link", { name: "Cellar song" }).click();
  await expect(page.getByTestId("song-workspace")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/songs/${songIds[0]}`));
  const audio = page.getByTestId("player-audio");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(await audio.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(30);
  await audio.evaluate((a: HTMLAudioElement) => (a.muted = true));
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0), { timeout: 10_000 }).toBe(true);
  await audio.evaluate((a: HTMLAudioElement) => (a.currentTime = 20));
  // Playback goes on from 20 s: the bytes there came from a 206 cut from the saved file.
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 }).toBeGreaterThan(20.5);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  // The audio element's range requests were answered by the service worker with 206 cut from the saved file.
  const size = takes[0]!.bytes.length;
  expect(streamAnswers.length).toBeGreaterThan(0);
  for (const answer of streamAnswers) {
    expect(answer).toMatchObject({ status: 206, fromServiceWorker: true });
    expect(answer.range).toMatch(new RegExp(`^bytes \\d+-\\d+/${size}$`));
  }
  await screenshotAtWidths(page, "offline-song");

  // A comment typed offline is kept as a draft, across a reload.
  await page.getByLabel("Your comment").fill("The bridge comes in late");
  await page.reload();
  await expect(page.getByTestId("song-workspace")).toBeVisible();
  await expect(page.getByLabel("Your comment")).toHaveValue("The bridge comes in late");

  // A page that was not saved: the list of what is.
  await page.goto(`/bands/${bandId}/members`);
  await expect(page.getByTestId("offline-notice")).toContainText("You are offline; these are saved");
  await expect(page.getByTestId("offline-item")).toContainText("Setlist: Friday gig");
  await screenshotAtWidths(page, "offline-list");
  await expectNoSeriousA11yViolations(page, "offline list");

  // Mark a song ready offline: it waits, then reaches the server when the network returns.
  await page.goto(setlistPage());
  await page.getByRole("button", { name: "I am ready for Venue song" }).click();
  await expect(page.getByTestId("readiness-waiting")).toContainText("Waiting to sync: ready for Venue song");
  const readyOnServer = () =>
    seed.query(`SELECT ready FROM "SongReadiness" WHERE "songId" = $1 AND "userId" = $2`, [songIds[1], owner.id]).then((rows) => rows[0]?.ready ?? false);
  expect(await readyOnServer()).toBe(false);
  await context.setOffline(false);
  await expect.poll(readyOnServer, { timeout: 15_000 }).toBe(true);
  await expect(page.getByTestId("readiness-waiting")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "I am ready for Venue song" })).toHaveAttribute("aria-pressed", "true");

  // Signing out takes everything saved with it.
  expect((await cacheNames(page)).length).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: /sign in/i }).first()).toBeVisible();
  await expect.poll(() => cacheNames(page)).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("rehearsalhub-")))).toEqual([]);
  // Signed out and offline, the setlist is nowhere to be found on this device.
  await context.setOffline(true);
  await page.goto(setlistPage()).catch(() => null);
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page.getByText("Friday gig")).toHaveCount(0);
  await context.setOffline(false);
});

test("back online, a saved song follows its new best take, and goes once its person is removed from the band", async ({ page, context }) => {
  const member = await seed.user("Offline bassist");
  await seed.addMember(bandId, member);
  await context.addCookies([{ name: "next-auth.session-token", value: member.cookie.split("=")[1]!, url: origin }]);
  const songId = songIds[0]!;
  await page.goto(`/bands/${bandId}/songs/${songId}`);
  await page.getByRole("button", { name: "Save for offline" }).click();
  await expect(page.getByTestId("offline-saved")).toBeVisible({ timeout: 30_000 });
  const savedTakes = () =>
    page.evaluate(
      async ({ userId, songId }) => {
        const cache = await caches.open(`rehearsalhub-saved-${userId}`);
        const item = await cache.match(`/__offline/items/song/${songId}`);
        return item ? ((await item.json()) as { takes: { versionId: string }[] }).takes.map((t) => t.versionId) : null;
      },
      { userId: member.id, songId },
    );
  expect(await savedTakes()).toEqual([takes[0]!.versionId]);

  // A newer take of the song becomes its best: the next check saves that one instead.
  const newerKey = `bands/${bandId}/${randomUUID()}.wav`;
  fs.copyFileSync(takes[0]!.file, path.join(e2eStorageDir, newerKey));
  const newer = await seed.query<{ id: string }>(
    `INSERT INTO "Version" (id, "bandId", "songId", title, "uploaderId", "storageKey", "originalName", "contentType", "sizeBytes", processing, "updatedAt")
     SELECT gen_random_uuid(), "bandId", "songId", 'Better take', "uploaderId", $2, "originalName", "contentType", "sizeBytes", 'READY', now() FROM "Version" WHERE id = $1 RETURNING id`,
    [takes[0]!.versionId, newerKey],
  );
  await seed.query(`UPDATE "Song" SET "bestVersionId" = $1 WHERE id = $2`, [newer[0]!.id, songId]);
  try {
    await page.goto("/offline");
    await expect.poll(savedTakes, { timeout: 15_000 }).toEqual([newer[0]!.id]);
    await expect(page.getByTestId("offline-item")).toContainText("1 take");

    // Removed from the band: the next check finds a 403 and drops what was saved.
    await seed.removeMember(bandId, member);
    await page.reload();
    await expect.poll(savedTakes, { timeout: 15_000 }).toBeNull();
    await expect(page.getByTestId("offline-item")).toHaveCount(0);
    const leftovers = await page.evaluate(async (userId) => (await (await caches.open(`rehearsalhub-saved-${userId}`)).keys()).map((r) => new URL(r.url).pathname), member.id);
    expect(leftovers.filter((p) => p.startsWith("/api/versions/") || p.startsWith("/bands/"))).toEqual([]);
  } finally {
    await seed.query(`UPDATE "Song" SET "bestVersionId" = NULL WHERE id = $1`, [songId]);
    await seed.query(`DELETE FROM "Version" WHERE id = $1`, [newer[0]!.id]);
  }
});
