import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { createBand, expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { deadSpotAtSecondPart, expectDownloadedBytes, expectTakePlays, pastEveryRetryDelay, waitingForNetwork } from "./support/network";
import { screenshotAtWidths } from "./support/screenshots";

const wav = (name: string, seconds: number) => ({ name, mimeType: "audio/wav", buffer: makeWav({ seconds, channels: 1, sampleRate: 22_050 }) });

/** Whether leaving the page now would ask first. */
const warnsOnLeave = (page: Page) =>
  page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

test("a whole rehearsal at once: files go to suggested songs (one existing, new ones created once), one overall progress, a failed file retried", async ({ page }) => {
  test.setTimeout(120_000);
  await signInByEmail(page, uniqueEmail("drummer"));
  await createBand(page, "The Batch Uploaders");
  await page.getByLabel("New song").fill("Midnight Ferry");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByTestId("song-row")).toHaveCount(1);

  await page.getByTestId("rehearsal-files").setInputFiles([
    wav("01 - midnight ferry (take 2).wav", 3),
    wav("2026-12-01_blue_harbour.wav", 2),
    wav("03 Slow Jam take 4.wav", 2),
    wav("count-in.wav", 1),
  ]);
  const rows = page.getByTestId("rehearsal-row");
  await expect(rows).toHaveCount(4);
  const chosenSong = (i: number) => rows.nth(i).getByTestId("rehearsal-song").locator("option:checked");
  await expect(chosenSong(0)).toHaveText("Midnight Ferry");
  await expect(chosenSong(1)).toHaveText("New song: Blue Harbour");
  await expect(chosenSong(2)).toHaveText("New song: Slow Jam");
  await expect(rows.nth(0).getByTestId("rehearsal-row-status")).toHaveText("Waiting");
  await expect(page.getByTestId("rehearsal-summary")).toHaveText("4 files ready to upload.");

  // The count-in is not a take: removed before starting, from the keyboard.
  await page.getByRole("button", { name: "Remove count-in.wav" }).focus();
  await page.keyboard.press("Enter");
  await expect(rows).toHaveCount(3);
  await expectNoSeriousA11yViolations(page, "band page, rehearsal files chosen");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await smallTouchTargets(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshotAtWidths(page, "rehearsal-chosen");

  // Hold every upload until released, and refuse Blue Harbour's first attempt. Uploads
  // go over tus: a POST to /api/uploads creates each one, naming its file in Upload-Metadata.
  // A dropped connection would be retried by the client itself, so the refusal is one it
  // does not retry: a 403 with the app's error body.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let blueAttempts = 0;
  const blueName = Buffer.from("2026-12-01_blue_harbour.wav").toString("base64");
  await page.route(/\/api\/uploads$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await released;
    const metadata = (await route.request().headerValue("upload-metadata")) ?? "";
    if (metadata.includes(`filename ${blueName}`) && blueAttempts++ === 0) {
      return route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: { message: "Uploads are paused for this band for a moment." } }) });
    }
    return route.continue();
  });

  await page.getByRole("button", { name: /^Upload all/ }).click();
  await expect(page.getByTestId("rehearsal-summary")).toHaveText(/^Uploading \d of 3 files…$/);
  await expect(page.getByTestId("rehearsal-progress")).toBeVisible();
  // Two at a time: the third waits its turn.
  await expect(rows.filter({ has: page.getByText(/^(Uploading|Saving)/) })).toHaveCount(2);
  await expect(rows.nth(2).getByTestId("rehearsal-row-status")).toHaveText("Waiting");
  // The warning is an effect of the render that shows the rows: wait for it, not read it at once.
  await expect.poll(() => warnsOnLeave(page)).toBe(true);
  release();

  await expect(page.getByTestId("rehearsal-summary")).toHaveText("2 of 3 files uploaded, 1 failed.", { timeout: 20_000 });
  await expect(rows.nth(1).getByTestId("rehearsal-row-status")).toHaveText("Failed");
  await expect(rows.nth(1).getByRole("alert")).toHaveText(/paused for this band/);
  // The refused file is done, with an error: the batch has reached its end.
  await expect(page.getByTestId("rehearsal-progress")).toHaveAttribute("aria-valuenow", "100");
  await expectNoSeriousA11yViolations(page, "band page, one file failed");
  await expect.poll(() => warnsOnLeave(page)).toBe(false);

  await page.getByRole("button", { name: "Retry 2026-12-01_blue_harbour.wav" }).click();
  await expect(page.getByTestId("rehearsal-summary")).toHaveText("All 3 files uploaded.", { timeout: 20_000 });
  await expect(page.getByTestId("rehearsal-progress")).toHaveAttribute("aria-valuenow", "100");
  expect(blueAttempts).toBe(2);

  // Blue Harbour was created once, though its file went up twice.
  const songRows = page.getByRole("list", { name: "Songs" }).getByTestId("song-row");
  await expect(songRows).toHaveCount(3);
  for (const title of ["Midnight Ferry", "Blue Harbour", "Slow Jam"]) await expect(songRows.filter({ hasText: title })).toContainText("1 take");
  await expectNoSeriousA11yViolations(page, "band page, rehearsal uploaded");
  await screenshotAtWidths(page, "rehearsal-done");

  await rows.nth(0).getByRole("link", { name: "Open the take" }).click();
  await expect(page.getByRole("heading", { name: "Midnight Ferry", exact: true })).toBeVisible();
  await expect(page.getByTestId("take-row")).toHaveCount(1);
  await expect(page.getByTestId("take-duration")).toHaveText("0:03");
});

test("a refused file makes no song: no empty “Notes” in the song list or the setlist picker, the progress reaches its end, the refusal is said", async ({ page }) => {
  test.setTimeout(120_000);
  await signInByEmail(page, uniqueEmail("bassist"));
  const bandId = await createBand(page, "The Note Takers");
  const notes = { name: "notes.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("Bring the capo. Start at the bridge, twice.\n".repeat(300)) };
  await page.getByTestId("rehearsal-files").setInputFiles([wav("harbour lights.wav", 2), notes]);
  const rows = page.getByTestId("rehearsal-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId("rehearsal-song").locator("option:checked")).toHaveText("New song: Notes");

  await page.getByRole("button", { name: /^Upload all/ }).click();
  await expect(page.getByTestId("rehearsal-summary")).toHaveText("1 of 2 files uploaded, 1 failed.", { timeout: 30_000 });
  await expect(page.getByTestId("rehearsal-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(rows.nth(1).getByTestId("rehearsal-row-status")).toHaveText("Failed");
  await expect(rows.nth(1).getByRole("alert")).toHaveText(/not audio/);
  const notUploaded = page.getByTestId("rehearsal-not-uploaded");
  await expect(notUploaded).toContainText("Not uploaded");
  await expect(notUploaded.getByRole("listitem")).toHaveText([/^notes\.mp3: That file is not audio/]);
  // Sending it again cannot help: it can only be removed.
  await expect(page.getByRole("button", { name: "Retry notes.mp3" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove notes.mp3" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "band page, a file refused");
  await screenshotAtWidths(page, "rehearsal-refused");

  const songRows = page.getByRole("list", { name: "Songs" }).getByTestId("song-row");
  await expect(songRows).toHaveCount(1);
  await expect(songRows).toContainText("Harbour Lights");
  await page.reload();
  await expect(songRows).toHaveCount(1);
  await expect(songRows.filter({ hasText: "Notes" })).toHaveCount(0);

  // Nor is there one to pick for a setlist.
  await page.goto(`/bands/${bandId}/setlists`);
  await page.getByLabel("Name", { exact: true }).fill("Sunday");
  await page.getByRole("button", { name: "Create setlist" }).click();
  await expect(page).toHaveURL(/\/setlists\/[^/]+$/);
  await expect(page.getByLabel("Add a song").locator("option")).toHaveText(["Pick a song…", "Harbour Lights"]);
});

test("a rehearsal rides out a connection lost for longer than every retry delay: each file waits for the network, says so, and goes on", async ({ page }) => {
  test.setTimeout(180_000);
  await signInByEmail(page, uniqueEmail("drummer"));
  const bandId = await createBand(page, "The Dead Zones");
  await page.getByLabel("New song").fill("Midnight Ferry");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByTestId("song-row")).toHaveCount(1);
  // The page's clock is ours, so minutes can pass in it while the test waits for none.
  await page.clock.install();
  await page.goto(`/bands/${bandId}`, { waitUntil: "networkidle" });

  // Each larger than one upload request (8 MiB), so each loses its connection at its next request.
  const ferry = { name: "01 midnight ferry.wav", mimeType: "audio/wav", buffer: makeWav({ seconds: 100, channels: 1 }) };
  const harbour = { name: "blue harbour.wav", mimeType: "audio/wav", buffer: makeWav({ seconds: 101, channels: 1 }) };
  await page.getByTestId("rehearsal-files").setInputFiles([ferry, harbour]);
  const rows = page.getByTestId("rehearsal-row");
  await expect(rows).toHaveCount(2);
  const network = await deadSpotAtSecondPart(page, 2);
  await page.getByRole("button", { name: /^Upload all/ }).click();

  await network.cut();
  await expect(rows.getByTestId("rehearsal-row-status")).toHaveText(["Waiting for the network", "Waiting for the network"]);
  await expect(waitingForNetwork(page)).toBeVisible();
  await pastEveryRetryDelay(page);
  await expect(waitingForNetwork(page)).toBeVisible();
  await expect(rows.getByTestId("rehearsal-row-status")).toHaveText(["Waiting for the network", "Waiting for the network"]);
  await expectNoSeriousA11yViolations(page, "band page, rehearsal waiting for the network");
  await screenshotAtWidths(page, "rehearsal-waiting-for-network");

  await network.back();
  await expect(page.getByTestId("rehearsal-summary")).toHaveText("All 2 files uploaded.", { timeout: 60_000 });
  await expect(waitingForNetwork(page)).toHaveCount(0);
  const songRows = page.getByRole("list", { name: "Songs" }).getByTestId("song-row");
  await expect(songRows).toHaveCount(2);
  for (const title of ["Midnight Ferry", "Blue Harbour"]) await expect(songRows.filter({ hasText: title })).toContainText("1 take");

  await rows.nth(1).getByRole("link", { name: "Open the take" }).click();
  await expect(page.getByRole("heading", { name: "Blue Harbour", exact: true })).toBeVisible();
  await expect(page.getByTestId("take-duration")).toHaveText("1:41");
  await expectDownloadedBytes(page, (await page.getByTestId("take-download").first().getAttribute("href"))!, harbour.buffer);
  await expectTakePlays(page);
});
