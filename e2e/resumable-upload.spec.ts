import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { createBand, expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { deadSpotAtSecondPart, expectDownloadedBytes, expectTakePlays, pastEveryRetryDelay, recordUploadRequests, waitingForNetwork } from "./support/network";
import { screenshotAtWidths } from "./support/screenshots";

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

test("a reload mid-upload picks the same file up where it stopped, and the take holds exactly its bytes", async ({ page }) => {
  test.setTimeout(180_000);
  const requests: { method: string; path: string }[] = [];
  const heads: { path: string; status: number; offset: number }[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/uploads")) requests.push({ method: request.method(), path: pathname });
  });
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith("/api/uploads") && response.request().method() === "HEAD") {
      heads.push({ path: pathname, status: response.status(), offset: Number(response.headers()["upload-offset"]) });
    }
  });

  await signInByEmail(page, uniqueEmail("bassist"));
  await createBand(page, "The Reloaders");
  await page.getByLabel("New song").fill("Second Set");
  await page.getByRole("button", { name: "Add song" }).click();
  await page.getByTestId("song-row").filter({ hasText: "Second Set" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Second Set" })).toBeVisible();

  // A file on disk, so that choosing it again after the reload is the same file (name, size, date).
  const wav = makeWav({ seconds: 120, channels: 1 }); // about 10.6 MB
  const dir = path.resolve(process.env.E2E_ROOT || ".data/e2e", "files");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "second-set.wav");
  fs.writeFileSync(file, wav);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 200 * 1024 });
  await page.getByTestId("upload-file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload take" }).click();
  const bar = page.getByRole("progressbar", { name: "Uploading “second-set.wav”" });
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
  const uploadPath = requests.find((r) => r.method === "PATCH")!.path;

  // The page goes away mid-PATCH (the connection is cut) while the link is still slow, so the
  // part in flight cannot finish meanwhile; then the link is fast again and the page comes back.
  await page.reload({ waitUntil: "networkidle" }); // hydrated, so choosing the file reaches the form
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const afterReload = requests.length;
  await expect(async () => {
    await page.getByTestId("upload-file").setInputFiles(file);
    await expect(page.getByRole("button", { name: "Upload take" })).toBeEnabled({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("button", { name: "Upload take" }).click();
  await expect(page.getByText("“second-set.wav” is uploaded.")).toBeVisible({ timeout: 60_000 });

  const resumed = requests.slice(afterReload);
  expect(resumed[0]).toEqual({ method: "HEAD", path: uploadPath });
  expect(resumed.some((r) => r.method === "POST")).toBe(false);
  expect(resumed.filter((r) => r.method === "PATCH").every((r) => r.path === uploadPath)).toBe(true);
  // It went on from part-way: the server kept what arrived before the connection was cut.
  const resumedAt = heads.find((h) => h.path === uploadPath)!;
  expect(resumedAt.status).toBe(200);
  expect(resumedAt.offset).toBeGreaterThan(0);
  expect(resumedAt.offset).toBeLessThan(wav.length);

  await expect(page.getByTestId("take-row")).toHaveCount(1);
  const href = await page.getByTestId("take-download").first().getAttribute("href");
  const downloaded = await page.request.get(href!);
  expect(downloaded.status()).toBe(200);
  expect(createHash("sha256").update(await downloaded.body()).digest("hex")).toBe(createHash("sha256").update(wav).digest("hex"));
});

test("a connection lost mid-upload for longer than every retry delay: the form waits for the network, says so, and goes on from the server's offset", async ({ page }) => {
  test.setTimeout(180_000);
  const requests = recordUploadRequests(page);
  await signInByEmail(page, uniqueEmail("keys"));
  await createBand(page, "The Dead Spots");
  await page.getByLabel("New song").fill("Tunnel Song");
  await page.getByRole("button", { name: "Add song" }).click();
  const songHref = await page.getByTestId("song-row").filter({ hasText: "Tunnel Song" }).getByRole("link").getAttribute("href");
  // The page's clock is ours, so minutes can pass in it while the test waits for none.
  await page.clock.install();
  await page.goto(songHref!, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "Tunnel Song" })).toBeVisible();

  const wav = makeWav({ seconds: 120, channels: 1 }); // about 10.6 MB: two upload requests
  const network = await deadSpotAtSecondPart(page, 1);
  await page.getByTestId("upload-file").setInputFiles({ name: "tunnel.wav", mimeType: "audio/wav", buffer: wav });
  await page.getByRole("button", { name: "Upload take" }).click();
  const bar = page.getByRole("progressbar", { name: "Uploading “tunnel.wav”" });

  await network.cut();
  await expect(waitingForNetwork(page)).toBeVisible();
  const uploadPath = requests.find((r) => r.method === "PATCH")!.path;
  await pastEveryRetryDelay(page);
  await expect(waitingForNetwork(page)).toBeVisible();
  await expect(page.getByText(/interrupted|failed/)).toHaveCount(0);
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
  await expectNoSeriousA11yViolations(page, "song page, upload waiting for the network");
  await screenshotAtWidths(page, "upload-waiting-for-network");

  const beforeReturn = requests.length;
  await network.back();
  await expect(page.getByText("“tunnel.wav” is uploaded.")).toBeVisible({ timeout: 60_000 });
  await expect(waitingForNetwork(page)).toHaveCount(0);
  // It went on where the server's bytes end: a HEAD for the same upload, no new one.
  const resumed = requests.slice(beforeReturn);
  expect(resumed[0]).toEqual({ method: "HEAD", path: uploadPath });
  expect(resumed.some((r) => r.method === "POST")).toBe(false);

  await expect(page.getByTestId("take-row")).toHaveCount(1);
  await expect(page.getByTestId("take-duration")).toHaveText("2:00");
  await expectDownloadedBytes(page, (await page.getByTestId("take-download").first().getAttribute("href"))!, wav);
  await expectTakePlays(page);
});
