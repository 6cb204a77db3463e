import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { fakeMicrophoneLaunchOptions } from "./support/browser";
import { createBand, expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { expectTakePlays, pastEveryRetryDelay, waitingForNetwork } from "./support/network";
import { screenshotAtWidths } from "./support/screenshots";

// Chromium's fake microphone plays a beeping tone, and its permission prompt says yes by itself.
test.use({ launchOptions: fakeMicrophoneLaunchOptions });

const seconds = (clock: string) => clock.split(":").reduce((total, part) => total * 60 + Number(part), 0);
const timer = async (page: Page) => seconds((await page.getByTestId("recorder-timer").textContent()) ?? "");

/** Recordings and chunks the page has kept in IndexedDB. */
const storedRecordings = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ recordings: number; chunks: number }>((resolve, reject) => {
        const open = indexedDB.open("rehearsalhub-recordings");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("recordings")) return resolve({ recordings: 0, chunks: 0 });
          const tx = db.transaction(["recordings", "chunks"]);
          const recordings = tx.objectStore("recordings").count();
          const chunks = tx.objectStore("chunks").count();
          tx.oncomplete = () => {
            resolve({ recordings: recordings.result, chunks: chunks.result });
            db.close();
          };
        };
      }),
  );

async function openNewSong(page: Page, title: string) {
  await signInByEmail(page, uniqueEmail("singer"));
  await createBand(page, "The Fake Microphones");
  await page.getByLabel("New song").fill(title);
  await page.getByRole("button", { name: "Add song" }).click();
  await page.getByTestId("song-row").filter({ hasText: title }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Record a take" })).toBeVisible();
  // Hydrated: the recorder's buttons work.
  await expect(page.getByTestId("recorder-status")).toHaveText(/Ready/);
}

test("a member records a take in the browser: level meter, pause and resume, timer, stop; it uploads with its length and leaves nothing stored", async ({ page }) => {
  test.setTimeout(120_000);
  await openNewSong(page, "Tape Hiss");
  await expectNoSeriousA11yViolations(page, "song page, recorder ready");

  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect(page.getByTestId("recorder-status")).toHaveText("Recording");
  // The fake device's tone moves the meter.
  await expect.poll(async () => Number(await page.getByTestId("level-meter").getAttribute("aria-valuenow")), { timeout: 5_000 }).toBeGreaterThan(10);
  await expect.poll(() => timer(page), { timeout: 6_000 }).toBeGreaterThanOrEqual(2);
  // Chunks are stored as they arrive, not at the end.
  await expect.poll(async () => (await storedRecordings(page)).chunks).toBeGreaterThanOrEqual(1);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("recorder-status")).toHaveText("Paused");
  const pausedAt = await timer(page);
  await page.waitForTimeout(1_500);
  expect(await timer(page)).toBe(pausedAt);
  await expectNoSeriousA11yViolations(page, "song page, recording paused");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await smallTouchTargets(page)).toEqual([]);
  await screenshotAtWidths(page, "recorder-paused");

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("recorder-status")).toHaveText("Recording");
  await expect.poll(() => timer(page), { timeout: 5_000 }).toBeGreaterThanOrEqual(pausedAt + 1);
  await page.getByRole("button", { name: "Stop and upload" }).click();
  await expect(page.getByText(/The recording is uploaded as “Recorded \d{1,2} \w{3} \d\d:\d\d”/)).toBeVisible({ timeout: 20_000 });
  const recorded = await timer(page);

  const take = page.getByTestId("take-row").filter({ hasText: /Recorded \d{1,2} \w{3} \d\d:\d\d/ });
  await expect(take).toHaveCount(1);
  // The length is the recorded time without the pause (the server reads it from the file).
  const duration = seconds((await take.getByTestId("take-duration").textContent()) ?? "");
  expect(Math.abs(duration - recorded)).toBeLessThanOrEqual(1);
  expect(duration).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("player-duration")).toHaveText(/^0:0[3-9]$|^0:1\d$/);
  expect(await storedRecordings(page)).toEqual({ recordings: 0, chunks: 0 });
  await expectNoSeriousA11yViolations(page, "song page, recorded take uploaded");
});

test("a recording survives a reload: it is offered on return and uploads, or is discarded", async ({ page }) => {
  test.setTimeout(120_000);
  await openNewSong(page, "Crash Test");

  // Record ~3 s, then reload mid-recording: the page warns first.
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect.poll(() => timer(page), { timeout: 8_000 }).toBeGreaterThanOrEqual(3);
  const warned: string[] = [];
  page.once("dialog", (dialog) => {
    warned.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(warned).toEqual(["beforeunload"]);

  const offer = page.getByTestId("recording-offer");
  await expect(offer).toHaveCount(1);
  await expect(offer).toContainText(/Recording from \d\d:\d\d, 0:0[2-9] long, was not uploaded\./);
  await expectNoSeriousA11yViolations(page, "song page, unfinished recording offered");
  await screenshotAtWidths(page, "recorder-offer");
  await offer.getByRole("button", { name: "Upload" }).click();
  await expect(offer).toHaveCount(0, { timeout: 20_000 });
  const take = page.getByTestId("take-row").filter({ hasText: /Recorded / });
  await expect(take).toHaveCount(1);
  // At most a second or so is lost: the chunks were written as they came.
  expect(seconds((await take.getByTestId("take-duration").textContent()) ?? "")).toBeGreaterThanOrEqual(2);
  expect(await storedRecordings(page)).toEqual({ recordings: 0, chunks: 0 });

  // Another one, left behind and then discarded.
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect.poll(async () => (await storedRecordings(page)).chunks, { timeout: 8_000 }).toBeGreaterThanOrEqual(2);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(offer).toHaveCount(1);
  await offer.getByRole("button", { name: "Discard" }).click();
  await expect(offer).toHaveCount(0);
  expect(await storedRecordings(page)).toEqual({ recordings: 0, chunks: 0 });
  await page.reload();
  await expect(page.getByTestId("recorder-status")).toHaveText(/Ready/);
  // "Ready" and no offer are also what the page shows before it has read the stored recordings.
  await expect(page.getByTestId("recorder")).toHaveAttribute("data-stored-checked", "true");
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId("take-row")).toHaveCount(1);
});

test("a recording under way in another tab is not offered as unfinished; once that tab is gone, it is", async ({ page, context }) => {
  test.setTimeout(90_000);
  await openNewSong(page, "Two Tabs");
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect.poll(async () => (await storedRecordings(page)).chunks, { timeout: 8_000 }).toBeGreaterThanOrEqual(2);

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId("recorder-status")).toHaveText(/Ready/);
  // Nothing offered, once the page has read the stored recordings (not after a fixed time).
  await expect(other.getByTestId("recorder")).toHaveAttribute("data-stored-checked", "true");
  await expect(other.getByTestId("recording-offer")).toHaveCount(0);

  // The recording tab closes without stopping: now the recording is unfinished.
  await page.close();
  await other.reload();
  await expect(other.getByTestId("recording-offer")).toHaveCount(1);
  await other.getByTestId("recording-offer").getByRole("button", { name: "Upload" }).click();
  await expect(other.getByTestId("take-row")).toHaveCount(1, { timeout: 20_000 });
});

test("a recording's upload rides out a connection lost for longer than every retry delay: it waits for the network, says so, goes on, and the take plays", async ({ page }) => {
  test.setTimeout(150_000);
  await signInByEmail(page, uniqueEmail("singer"));
  await createBand(page, "The Basement Takes");
  await page.getByLabel("New song").fill("Dead Air");
  await page.getByRole("button", { name: "Add song" }).click();
  const songHref = await page.getByTestId("song-row").filter({ hasText: "Dead Air" }).getByRole("link").getAttribute("href");
  // The page's clock is ours, so minutes can pass in it while the test waits for none.
  await page.clock.install();
  await page.goto(songHref!);
  await expect(page.getByTestId("recorder-status")).toHaveText(/Ready/);

  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect.poll(() => timer(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  // A recording is smaller than one upload request: the connection goes as its upload starts.
  await page.context().setOffline(true);
  await page.getByRole("button", { name: "Stop and upload" }).click();
  await expect(page.getByTestId("recording-upload-progress")).toBeVisible();
  await expect(waitingForNetwork(page)).toBeVisible();
  await pastEveryRetryDelay(page);
  await expect(waitingForNetwork(page)).toBeVisible();
  await expect(page.getByText(/interrupted|failed/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "song page, recording upload waiting for the network");
  await screenshotAtWidths(page, "recorder-waiting-for-network");

  await page.context().setOffline(false);
  await expect(page.getByText(/The recording is uploaded as “Recorded /)).toBeVisible({ timeout: 60_000 });
  await expect(waitingForNetwork(page)).toHaveCount(0);
  const take = page.getByTestId("take-row").filter({ hasText: /Recorded / });
  await expect(take).toHaveCount(1);
  expect(seconds((await take.getByTestId("take-duration").textContent()) ?? "")).toBeGreaterThanOrEqual(3);
  expect(await storedRecordings(page)).toEqual({ recordings: 0, chunks: 0 });
  await expectTakePlays(page);
});
