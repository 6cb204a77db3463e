import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeVideoFile } from "../src/test/video-files";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { screenshotAtWidths } from "./support/screenshots";

/**
 * A band films its rehearsals: a phone video goes in through the take form and
 * comes out as a take that plays its sound. The same file uploaded twice is
 * pointed out, and the copy can be deleted from where the warning is.
 */
const audioState = (page: Page) =>
  page.getByTestId("player-audio").evaluate((el) => {
    const a = el as HTMLAudioElement;
    return { currentTime: a.currentTime, paused: a.paused, src: a.currentSrc };
  });

async function newSong(page: Page, band: string, song: string) {
  await signInByEmail(page, uniqueEmail("drummer"));
  await page.getByLabel("Band name").fill(band);
  await page.getByRole("button", { name: "Create band" }).click();
  await page.getByLabel("New song").fill(song);
  await page.getByRole("button", { name: "Add song" }).click();
  await page.getByTestId("song-row").filter({ hasText: song }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: song })).toBeVisible();
}

async function uploadInForm(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, title: string) {
  await page.getByTestId("upload-file").setInputFiles(file);
  await page.getByRole("button", { name: "+ Add a title or notes" }).click();
  await page.getByLabel("Title (optional)").fill(title);
  await page.getByRole("button", { name: "Upload take" }).click();
}

test("a phone video uploaded in the take form ends READY and plays its sound", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-e2e-video-"));
  try {
    const video = fs.readFileSync(makeVideoFile(dir, "mp4-h264-aac", { seconds: 4 }));
    const streamTypes: string[] = [];
    page.on("response", (response) => {
      if (/\/api\/versions\/[^/]+\/stream$/.test(new URL(response.url()).pathname + new URL(response.url()).search)) {
        streamTypes.push(response.headers()["content-type"] ?? "");
      }
    });

    await newSong(page, "The Camcorders", "Blue Line");
    await expect(page.locator("#upload-hint")).toContainText("Audio or video files");
    await expect(page.locator("#upload-hint")).toContainText("From video, only the sound is kept.");

    await uploadInForm(page, { name: "IMG_0042.MP4", mimeType: "video/mp4", buffer: video }, "Filmed on a phone");
    await expect(page.getByText("“IMG_0042.MP4” is uploaded.")).toBeVisible({ timeout: 20_000 });

    // Processing made its peaks, loudness and an audio stream.
    const details = page.getByTestId("take-details");
    await expect(details.getByTestId("take-loudness")).toBeVisible({ timeout: 60_000 });
    await expect(details.getByTestId("take-processing-note")).toHaveCount(0);
    await expect(details.getByTestId("take-from-video")).toHaveText("A video: only its sound plays here");
    await expect(page.getByTestId("player-duration")).toHaveText("0:04");

    // A take loaded while it was processing keeps playing its original; opened again, it plays the rendition.
    await page.reload();
    await page.getByRole("button", { name: "Play Filmed on a phone" }).click();
    await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
    expect((await audioState(page)).paused).toBe(false);
    // What played is the sound alone (the audio rendition), never the video.
    expect((await audioState(page)).src).toMatch(/\/stream$/);
    expect(streamTypes.length).toBeGreaterThan(0);
    expect(streamTypes.every((type) => type.startsWith("audio/mp4"))).toBe(true);

    // The download is the video as it was uploaded.
    const download = await page.request.get(await details.getByTestId("take-download").getAttribute("href").then((href) => href!));
    expect(download.headers()["content-type"]).toBe("video/mp4");
    expect(Buffer.compare(await download.body(), video)).toBe(0);

    await expectNoSeriousA11yViolations(page, "song page with a take from a video");
    await screenshotAtWidths(page, "video-take");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("uploading the same file twice says so, links the first take, and the copy can be deleted", async ({ page }) => {
  test.setTimeout(120_000);
  const wav = makeWav({ seconds: 3, channels: 1, frequency: 392 });
  await newSong(page, "The Echoes", "Song X");

  await uploadInForm(page, { name: "tuesday.wav", mimeType: "audio/wav", buffer: wav }, "First pass");
  await expect(page.getByText("“tuesday.wav” is uploaded.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("upload-duplicate")).toHaveCount(0);
  await expect(page.getByTestId("take-duplicate")).toHaveCount(0);

  await uploadInForm(page, { name: "tuesday (1).wav", mimeType: "audio/wav", buffer: wav }, "Again by mistake");
  const warning = page.getByTestId("upload-duplicate");
  await expect(warning).toContainText("“tuesday (1).wav” is uploaded, but it is the same audio as Take 1 of Song X.");

  // On the take itself (the new one is selected), with a link to the first and a delete button.
  const notice = page.getByTestId("take-duplicate");
  await expect(notice).toContainText("Same audio as Take 1 of Song X.");
  await expect(page.getByTestId("take-details").getByRole("heading")).toHaveText("Again by mistake");
  await expect(page.getByTestId("take-row").filter({ hasText: "Again by mistake" }).getByTestId("duplicate-badge")).toHaveText("Duplicate");
  await expect(page.getByTestId("take-row").filter({ hasText: "First pass" }).getByTestId("duplicate-badge")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "song page with a duplicate take");
  await screenshotAtWidths(page, "duplicate-take");
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await smallTouchTargets(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 900 });

  await notice.getByRole("button", { name: "Delete this duplicate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Delete take" }).click();
  await expect(page.getByTestId("take-row")).toHaveCount(1);
  await expect(page.getByTestId("take-row")).toContainText("First pass");
  await expect(page.getByTestId("take-duplicate")).toHaveCount(0);

  // The link leads to the first take.
  await uploadInForm(page, { name: "tuesday (2).wav", mimeType: "audio/wav", buffer: wav }, "Third time");
  await page.getByTestId("take-duplicate").getByTestId("duplicate-of-link").click();
  await expect(page).toHaveURL(/[?&]take=/);
  await expect(page.getByTestId("take-details").getByRole("heading")).toHaveText("First pass");

  // A whole rehearsal dropped on the band page: the row of a file uploaded before says so.
  await page.getByRole("link", { name: /All songs/ }).click();
  await page.getByTestId("rehearsal-files").setInputFiles([{ name: "Song X.wav", mimeType: "audio/wav", buffer: wav }]);
  await page.getByRole("button", { name: /^Upload all/ }).click();
  await expect(page.getByTestId("rehearsal-row")).toHaveAttribute("data-state", "done", { timeout: 20_000 });
  await expect(page.getByTestId("rehearsal-duplicate")).toHaveText("Same audio as Take 1 of Song X: this file was uploaded before.");
  await expectNoSeriousA11yViolations(page, "band page, a rehearsal file uploaded before");
  await screenshotAtWidths(page, "rehearsal-duplicate");
});
