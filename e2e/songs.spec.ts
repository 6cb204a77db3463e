import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

/** Into the shared screenshot folder, and a copy under this run's own E2E_ROOT that parallel runs do not wipe. */
async function shot(page: Page, screenshotDir: string, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
  const own = path.resolve(process.env.E2E_ROOT || ".data/e2e", "screenshots");
  fs.mkdirSync(own, { recursive: true });
  await page.screenshot({ path: path.join(own, name), fullPage: true });
}

const audioState = (page: Page) =>
  page.getByTestId("player-audio").evaluate((el) => {
    const a = el as HTMLAudioElement;
    return { currentTime: a.currentTime, paused: a.paused, duration: a.duration };
  });

test("a member uploads a take, plays it, seeks, comments at a moment and picks it as the best take", async ({ page, screenshotDir }) => {
  test.setTimeout(120_000);
  const streamResponses: { status: number; contentRange: string | null; url: string }[] = [];
  page.on("response", (response) => {
    if (/\/api\/versions\/[^/]+\/stream/.test(response.url())) {
      streamResponses.push({ status: response.status(), contentRange: response.headers()["content-range"] ?? null, url: response.url() });
    }
  });

  await signInByEmail(page, uniqueEmail("guitarist"));
  await page.getByLabel("Band name").fill("The Night Ferries");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page.getByRole("heading", { name: "No songs yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "band songs page, empty");

  // A song, renamed once, plus one that is archived.
  await page.getByLabel("New song").fill("Midnight Ferry (working title)");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByTestId("song-row")).toHaveCount(1);
  await expect(page.getByLabel("New song")).toHaveValue("");
  await page.getByLabel("New song").fill("Old Jam");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByTestId("song-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Archive Old Jam" }).click();
  await expect(page.getByText("Archived songs")).toBeVisible();
  await expect(page.getByRole("list", { name: "Songs" }).getByTestId("song-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Rename Midnight Ferry (working title)" }).click();
  await page.getByLabel("Rename “Midnight Ferry (working title)”").fill("Midnight Ferry");
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByTestId("song-row").filter({ hasText: "Midnight Ferry" });
  await expect(row).toContainText("No takes yet");
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Midnight Ferry" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No takes yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "song page without takes");

  // Not audio: refused by its bytes, with a readable message.
  await page.getByTestId("upload-file").setInputFiles({ name: "setlist.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("just some text, not audio\n".repeat(50)) });
  await page.getByRole("button", { name: "Upload take" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not audio|not an audio/i })).toBeVisible();

  // A real 8-second WAV.
  const wav = makeWav({ seconds: 8, channels: 1 });
  await page.getByTestId("upload-file").setInputFiles({ name: "rehearsal-take.wav", mimeType: "audio/wav", buffer: wav });
  await page.getByRole("button", { name: "+ Add a title or notes" }).click();
  await page.getByLabel("Title (optional)").fill("Full band, slower");
  await page.getByRole("button", { name: "Upload take" }).click();
  await expect(page.getByText("“rehearsal-take.wav” is uploaded.")).toBeVisible({ timeout: 20_000 });

  const take = page.getByTestId("take-row").filter({ hasText: "Full band, slower" });
  await expect(take).toBeVisible();
  await expect(take.getByTestId("take-duration")).toHaveText("0:08");
  await expect(page.getByTestId("player-duration")).toHaveText("0:08");

  // Play in Chromium.
  await page.getByRole("button", { name: "Play Full band, slower" }).click();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await audioState(page)).paused).toBe(false);

  // Seek to the middle: playback continues from there.
  await page.getByTestId("player-seek").fill("4");
  const afterSeek = await audioState(page);
  expect(afterSeek.currentTime).toBeGreaterThanOrEqual(3.9);
  expect(afterSeek.currentTime).toBeLessThan(5);
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(4.6);
  expect((await audioState(page)).paused).toBe(false);
  await expect(page.getByTestId("player-current")).not.toHaveText("0:00");
  expect(streamResponses.some((r) => r.status === 206 && /^bytes \d+-\d+\/\d+$/.test(r.contentRange ?? ""))).toBe(true);
  expect(streamResponses.every((r) => r.status === 200 || r.status === 206 || r.status === 304)).toBe(true);

  // Pause at ~5 s and comment at that moment.
  await page.getByRole("button", { name: "Pause Full band, slower" }).click();
  const pausedAt = (await audioState(page)).currentTime;
  await page.getByLabel("Your comment").fill("Guitar comes in late here");
  const label = await page.getByTestId("comment-at").textContent();
  expect(label).toBe(`0:0${Math.floor(pausedAt)}`);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("comment").filter({ hasText: "Guitar comes in late here" });
  await expect(comment).toBeVisible();
  await expect(comment.getByTestId("comment-timestamp")).toHaveText(`▶ ${label}`);

  // Clicking the timestamp seeks the player back to it and plays.
  await page.getByTestId("player-seek").fill("0");
  await comment.getByTestId("comment-timestamp").click();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 10_000 }).toBeGreaterThanOrEqual(Math.floor(pausedAt));
  await page.getByRole("button", { name: /^Pause / }).click();

  // Best take.
  await page.getByRole("button", { name: "☆ Mark as best take" }).click();
  await expect(take.getByTestId("best-badge")).toBeVisible();
  await expect(page.getByRole("button", { name: "★ Best take" })).toHaveAttribute("aria-pressed", "true");

  // Download the original: a finger-sized link, saved under the song's and take's name.
  const download = page.getByTestId("take-download");
  await expect(download).toHaveAttribute("href", /^\/api\/versions\/[^/]+\/download$/);
  expect((await download.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  const [saved] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(saved.suggestedFilename()).toBe("Midnight Ferry - Full band, slower.wav");
  expect(fs.readFileSync(await saved.path()).equals(wav)).toBe(true);

  await shot(page, screenshotDir, "song-desktop.png");
  // From the top of the page, where nothing sits under the sticky player (axe counts a
  // button scrolled under it as an obscured target; the player grows when the take's
  // analysis arrives).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, "song page with a take and a comment");

  // Phone width: nothing wider than the screen, the player still works.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(page.getByTestId("take-row")).toHaveCount(1);
  // The reload restores the scroll position of the download above, which can leave the
  // player half under the sticky header (axe then reports it as obscured): check from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, screenshotDir, "song-mobile-top.png");
  await expectNoSeriousA11yViolations(page, "song page, 375px");
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.className || "").toString().replace(/\s+/g, ".")} right=${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 8),
  );
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page wider than the screen; widest: ${overflowing.join(", ")}`).toBeLessThanOrEqual(375);
  await page.getByRole("button", { name: "Play Full band, slower" }).click();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.3);
  await page.getByRole("button", { name: /^Pause / }).click();
  await shot(page, screenshotDir, "song-mobile.png");

  // Back on the band page: the song shows its take.
  await page.getByRole("link", { name: "← All songs" }).click();
  await expect(page.getByTestId("song-row").filter({ hasText: "Midnight Ferry" })).toContainText("1 take");
  await shot(page, screenshotDir, "songs-mobile.png");
  await expectNoSeriousA11yViolations(page, "band songs page, 375px");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByText("Archived songs").click();
  await shot(page, screenshotDir, "songs-desktop.png");
  await expectNoSeriousA11yViolations(page, "band songs page with archived songs open");
});
