import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeAudioFile } from "../src/test/audio-files";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { e2eAppLog } from "./support/paths";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * Sharing a take outside the band: a member makes a password link with guest
 * comments on; a guest with no account opens it in a browser of their own,
 * gives the password, plays and seeks, and comments at a moment; the band
 * sees the comment; the member revokes the link and the guest's next seek
 * says so.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
let alex: SeededUser;
let bandId: string;
let songId: string;
let take: string;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-share-"));
  seed = new AudioSeed();
  alex = await seed.user("alex");
  await seed.query(`UPDATE "User" SET name = 'Alex Stone' WHERE id = $1`, [alex.id]);
  bandId = await seed.band(alex, "The Harbour Band");
  songId = (await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Harbour Lights', now()) RETURNING id`, [bandId]))[0]!.id;
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fs.readFileSync(makeAudioFile(dir, "mp3", 40)))]), "harbour-lights.mp3");
  const response = await fetch(`${origin}/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie: alex.cookie } });
  expect(response.status, await response.clone().text()).toBe(201);
  take = ((await response.json()) as { id: string }).id;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = (await seed.query<{ processing: string }>(`SELECT processing::text FROM "Version" WHERE id = $1`, [take]))[0]?.processing;
    if (state === "READY") break;
    if (state === "FAILED" || Date.now() > deadline) throw new Error(`take ${take} is ${state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
test.afterAll(async () => {
  await seed?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, who: SeededUser) {
  await page.context().addCookies([{ name: "next-auth.session-token", value: who.cookie.split("=")[1]!, url: origin }]);
}

const audio = (page: Page) => page.getByTestId("player-audio");

test("a member shares a take with a password; a guest listens, seeks and comments; the band sees it; revoking stops the guest's next seek", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The member makes the link from the take.
  await signIn(page, alex);
  await page.goto(`/bands/${bandId}/songs/${songId}?take=${take}`);
  await page.getByRole("button", { name: "Share this take" }).click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByRole("heading", { name: "Share this take outside the band" })).toBeVisible();
  await dialog.getByLabel("Password (optional)").fill("tide pool");
  await expect(dialog.getByLabel(/Guests may comment/)).not.toBeChecked();
  await dialog.getByLabel(/Guests may comment/).check();
  await expect(dialog.getByLabel(/Guests may download/)).not.toBeChecked();
  await screenshotAtWidths(page, "share-dialog");
  await dialog.getByRole("button", { name: "Make the link" }).click();
  const link = await dialog.getByTestId("one-time-link").inputValue();
  expect(link).toMatch(new RegExp(`^${origin}/s/[A-Za-z0-9_-]{43}$`));
  await screenshotAtWidths(page, "share-dialog-link");
  await dialog.getByRole("button", { name: "Done" }).click();

  // A guest, in a browser of their own, with no account.
  const guestContext = await browser.newContext({ baseURL: origin });
  const guest = await guestContext.newPage();
  const opened = await guest.goto(link);
  expect(opened!.headers()["referrer-policy"]).toBe("no-referrer");
  expect(opened!.headers()["x-robots-tag"]).toMatch(/noindex/);
  await expect(guest.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(guest.getByRole("heading", { name: "This link has a password" })).toBeVisible();
  await screenshotAtWidths(guest, "share-guest-password");
  await expectNoSeriousA11yViolations(guest, "/s/[token] (password)");
  await guest.getByLabel("Password").fill("not it");
  await guest.getByRole("button", { name: "Open" }).click();
  await expect(guest.getByText("That password is not right.")).toBeVisible();
  await guest.getByLabel("Password").fill("tide pool");
  await guest.getByRole("button", { name: "Open" }).click();
  await expect(guest.getByText("The Harbour Band shared with you")).toBeVisible();
  await expect(guest.getByRole("heading", { name: /Take 1 of Harbour Lights/i })).toBeVisible();
  await expect(guest.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await expect(guest.getByTestId("shared-download")).toHaveCount(0);
  const guestText = await guest.locator("main").innerText();
  expect(guestText).not.toContain("@example.test");

  // Plays and seeks.
  await audio(guest).evaluate((a: HTMLAudioElement) => (a.muted = true));
  await guest.getByRole("button", { name: /^Play/ }).first().click();
  await expect.poll(() => audio(guest).evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.2);
  await guest.getByRole("button", { name: /^Pause/ }).first().click();
  await audio(guest).evaluate((a: HTMLAudioElement) => (a.currentTime = 12));
  await expect.poll(() => audio(guest).evaluate((a: HTMLAudioElement) => Math.round(a.currentTime))).toBe(12);

  // Comments at that moment.
  await guest.getByLabel("Your name").fill("Sam Mixer");
  await guest.getByLabel("Comment", { exact: true }).fill("Kick drum is too loud here");
  await guest.getByRole("button", { name: "Send to the band" }).click();
  await expect(guest.getByText("Sent to the band.")).toBeVisible();
  const guestComment = guest.getByTestId("shared-comment").filter({ hasText: "Kick drum is too loud here" });
  await expect(guestComment).toContainText("Sam Mixer (guest)");
  await expect(guestComment.getByRole("button", { name: /^0:12, play from here/ })).toBeVisible();
  // The name is remembered on this device.
  expect(await guest.evaluate(() => localStorage.getItem("rehearsalhub.guestName"))).toBe("Sam Mixer");
  await screenshotAtWidths(guest, "share-guest-page");
  await expectNoSeriousA11yViolations(guest, "/s/[token]");

  // The band sees it, with the guest's name.
  await page.reload();
  const bandComment = page.getByTestId("comment").filter({ hasText: "Kick drum is too loud here" });
  await expect(bandComment).toContainText("Sam Mixer (guest)");
  await expect(bandComment.getByTestId("comment-timestamp")).toContainText("0:12");

  // The member revokes it from the band's list of links.
  await page.goto(`/bands/${bandId}/shared`);
  const row = page.getByTestId("share-link-row").first();
  await expect(row).toContainText("Take 1 of Harbour Lights");
  await expect(row).toContainText("1 view");
  await expect(row).toContainText("password");
  await screenshotAtWidths(page, "share-links");
  await expectNoSeriousA11yViolations(page, "/bands/[bandId]/shared");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveAttribute("data-state", "revoked");
  await expect(row).toContainText("Revoked");

  // The guest's very next seek says so instead of a silent player.
  await audio(guest).evaluate((a: HTMLAudioElement) => (a.currentTime = 30));
  await expect(guest.getByRole("heading", { name: "This link has been revoked" })).toBeVisible();
  await screenshotAtWidths(guest, "share-guest-revoked");
  await expectNoSeriousA11yViolations(guest, "/s/[token] (revoked)");

  // The activity feed says who shared what.
  await page.goto(`/bands/${bandId}/activity`);
  await expect(page.getByText(/You shared take 1 of Harbour Lights/)).toBeVisible();

  // The token never reached the server's log.
  const token = link.split("/s/")[1]!;
  expect(fs.readFileSync(e2eAppLog, "utf8")).not.toContain(token);
  await guestContext.close();
});

test("a setlist is shared from its page: the guest hears each song's take, with no password and no comment form", async ({ page, browser }) => {
  const setlistId = (await seed.query<{ id: string }>(`INSERT INTO "Setlist" (id, "bandId", name, "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Friday gig', now()) RETURNING id`, [bandId]))[0]!.id;
  await seed.query(`INSERT INTO "SetlistSong" (id, "bandId", "setlistId", "songId", position) VALUES (gen_random_uuid()::text, $1, $2, $3, 0)`, [bandId, setlistId, songId]);
  await signIn(page, alex);
  await page.goto(`/bands/${bandId}/setlists/${setlistId}`);
  await page.getByRole("button", { name: "Share setlist" }).click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByLabel(/Guests may comment/)).not.toBeChecked();
  await dialog.getByLabel("Link works for").selectOption("7");
  await dialog.getByRole("button", { name: "Make the link" }).click();
  const link = await dialog.getByTestId("one-time-link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await screenshotAtWidths(page, "share-setlist-page");

  const guestContext = await browser.newContext({ baseURL: origin });
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "The setlist Friday gig" })).toBeVisible();
  await expect(guest.getByTestId("shared-take")).toHaveCount(1);
  await expect(guest.getByTestId("waveform")).toHaveAttribute("data-ready", "true");
  await expect(guest.getByTestId("guest-comment-form")).toHaveCount(0);
  await screenshotAtWidths(guest, "share-guest-setlist");
  await expectNoSeriousA11yViolations(guest, "/s/[token] (setlist)");
  await guestContext.close();
});
