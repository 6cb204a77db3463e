import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

test("a take goes up through the resumable endpoint with percent, speed and time left, and appears when complete", async ({ page }) => {
  test.setTimeout(180_000);
  const uploadRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/uploads")) uploadRequests.push(request.method());
  });

  await signInByEmail(page, uniqueEmail("drummer"));
  await page.getByLabel("Band name").fill("The Slow Uploads");
  await page.getByRole("button", { name: "Create band" }).click();
  await page.getByLabel("New song").fill("Long Jam");
  await page.getByRole("button", { name: "Add song" }).click();
  await page.getByTestId("song-row").filter({ hasText: "Long Jam" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Long Jam" })).toBeVisible();

  // A 30-second WAV (about 2.6 MB) over a slow uplink, so the progress is there to be read.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
  const wav = makeWav({ seconds: 30, channels: 1 });
  await page.getByTestId("upload-file").setInputFiles({ name: "long-jam.wav", mimeType: "audio/wav", buffer: wav });
  await page.getByRole("button", { name: "Upload take" }).click();

  const bar = page.getByRole("progressbar", { name: "Uploading “long-jam.wav”" });
  await expect(bar).toBeVisible();
  const figures = page.getByTestId("upload-progress-figures");
  await expect(figures).toContainText(/\d+%/);
  await expect(figures).toContainText(/[KM]?B\/s/, { timeout: 30_000 });
  await expect(figures).toContainText(/left/);
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
  await expectNoSeriousA11yViolations(page, "song page while a take uploads");

  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.getByText("“long-jam.wav” is uploaded.")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("take-row")).toHaveCount(1);
  await expect(page.getByTestId("take-row").getByTestId("take-duration")).toHaveText("0:30");
  expect(uploadRequests[0]).toBe("POST");
  expect(uploadRequests).toContain("PATCH");
});
