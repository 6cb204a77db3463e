import type { Page } from "@playwright/test";
import pg from "pg";
import PgBoss from "pg-boss";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { procedure, signedInPage } from "./support/api";
import { screenshotAtWidths } from "./support/screenshots";
import { appDatabaseUrl, createBand, expect, firstLink, signInByEmail, test, uniqueEmail, waitForMail } from "./support/fixtures";

/**
 * Mail people want: one member uploads and the other gets the instant mail at
 * the test's SMTP server; two more uploads come as one daily digest (the
 * digest job is sent with pg-boss from this test, as the scheduler would);
 * the digest's unsubscribe link works signed out; the activity feed shows the
 * takes and the unread count.
 */

const wav = makeWav({ seconds: 1, sampleRate: 8_000, channels: 1 });

async function upload(page: Page, bandId: string, songId: string) {
  const response = await page.request.post(`/api/bands/${bandId}/songs/${songId}/versions`, {
    multipart: { file: { name: "take.wav", mimeType: "audio/wav", buffer: wav } },
  });
  expect(response.status(), await response.text()).toBe(201);
}

test("an instant mail, a daily digest of two takes, unsubscribe signed out, and the activity feed", async ({ browser, page }) => {
  test.setTimeout(180_000);
  await signInByEmail(page, uniqueEmail("uploader"));
  await procedure(page, "profile.update", { name: "Uma Uploader" });
  const bandId = await createBand(page, "The Postmen");
  const reader = await signedInPage(browser, "reader");
  await procedure(reader.page, "profile.update", { name: "Rita Reader" });
  const invite = await procedure<{ link: string }>(page, "invite.create", { bandId, email: reader.email, role: "MEMBER" });
  await procedure(reader.page, "invite.accept", { token: invite.link.split("/invite/")[1] });
  const song = await procedure<{ id: string }>(page, "song.create", { bandId, title: "Letters" });

  // The reader's email settings page: takes right away.
  await reader.page.goto("/settings/notifications");
  await expect(reader.page.getByRole("heading", { name: "Email settings" })).toBeVisible();
  const takes = reader.page.getByRole("group", { name: "New takes" });
  await expect(takes.getByRole("radio", { name: /Daily digest/ })).toBeChecked();
  await takes.getByRole("radio", { name: /Right away/ }).check();
  await expect(takes.getByRole("status")).toHaveText("Saved.");
  await expectNoSeriousA11yViolations(reader.page);
  await screenshotAtWidths(reader.page, "mail-settings");

  const before = Date.now() - 1000;
  await upload(page, bandId, song.id);
  const instant = await waitForMail(reader.email, /New take of Letters from Uma Uploader/, { after: before, timeoutMs: 30_000 });
  expect(instant.text).toContain('Uma Uploader uploaded take 1 of "Letters" in The Postmen.');
  expect(instant.html).toContain("Uma Uploader uploaded take 1");

  // Back to the daily digest: two uploads, one mail.
  await procedure(reader.page, "notification.update", { takes: "DAILY" });
  await upload(page, bandId, song.id);
  await upload(page, bandId, song.id);
  const me = await procedure<{ id: string }>(reader.page, "profile.get", undefined);
  const db = new pg.Client({ connectionString: appDatabaseUrl() });
  await db.connect();
  try {
    // The worker's notify jobs record the two takes for the digest.
    await expect
      .poll(async () => (await db.query(`SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = $1 AND mode = 'DAILY' AND "sentAt" IS NULL`, [me.id])).rows[0].n, { timeout: 30_000 })
      .toBe(2);
  } finally {
    await db.end();
  }
  const digestAt = Date.now() - 1000;
  const boss = new PgBoss({ connectionString: appDatabaseUrl(), max: 1, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  await boss.send("daily-digest", {});
  await boss.stop({ graceful: false, wait: true });
  const digest = await waitForMail(reader.email, /Your bands today/, { after: digestAt, timeoutMs: 30_000 });
  expect(digest.subject).toBe("Your bands today: 2 new things");
  expect(digest.text.match(/Uma Uploader uploaded take \d of "Letters"/g)).toEqual(['Uma Uploader uploaded take 2 of "Letters"', 'Uma Uploader uploaded take 3 of "Letters"']);

  // The dashboard and the Activity tab count the news; the feed marks it.
  await reader.page.goto("/");
  await expect(reader.page.getByTestId("band-unread")).toHaveText(/\d+ new/);
  await reader.page.goto(`/bands/${bandId}/activity`);
  await expect(reader.page.getByTestId("activity-item").filter({ hasText: 'Uma Uploader uploaded a take of "Letters"' })).toHaveCount(3);
  await expect(reader.page.locator('[data-testid="activity-item"][data-new]').first()).toBeVisible();
  await expect(reader.page.getByRole("heading", { name: "Today" })).toBeVisible();
  await expectNoSeriousA11yViolations(reader.page);
  await screenshotAtWidths(reader.page, "mail-activity");
  // Opened: nothing unread any more.
  await expect.poll(async () => (await procedure<{ count: number }>(reader.page, "activity.unread", { bandId })).count).toBe(0);

  // The digest's unsubscribe link, signed out: opening asks, the button unsubscribes.
  const link = firstLink(digest, /\/unsubscribe\//);
  const stranger = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const out = await stranger.newPage();
  await out.goto(new URL(link).pathname);
  await expect(out.getByRole("heading", { name: "Unsubscribe?" })).toBeVisible();
  expect(await procedure(reader.page, "notification.get", undefined)).toMatchObject({ takes: "DAILY" });
  await expectNoSeriousA11yViolations(out);
  await screenshotAtWidths(out, "mail-unsubscribe");
  await out.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(out.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  await expectNoSeriousA11yViolations(out);
  await screenshotAtWidths(out, "mail-unsubscribed");
  expect(await procedure(reader.page, "notification.get", undefined)).toMatchObject({ takes: "OFF" });
  await stranger.close();
  await reader.context.close();
});
