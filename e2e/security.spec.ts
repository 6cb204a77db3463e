import fs from "node:fs";
import net from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import { wavHeader } from "../src/test/wav";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { e2eAppLog } from "./support/paths";

/**
 * The hardening edges, tried against the running production build the way an
 * attacker would: forged headers, framing, raw sockets that hang up.
 */

const trpcPost = (request: APIRequestContext, path: string, input: unknown, headers: Record<string, string> = {}) =>
  request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { "content-type": "application/json", ...headers } });

async function bandCount(request: APIRequestContext): Promise<number> {
  const response = await request.get(`/api/trpc/band.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown[] } } }).result.data.json.length;
}

async function signedIn(page: Page, name: string) {
  await signInByEmail(page, uniqueEmail(name));
  await expect(page.getByLabel("Band name")).toBeVisible();
}

test("pages carry a fresh CSP nonce, deny framing, send no referrer from invite links, and scope the microphone", async ({ page }) => {
  const first = await page.goto("/");
  const second = await page.request.get("/");
  const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
  const headers = first!.headers();
  expect(nonceOf(headers["content-security-policy"])).toBeTruthy();
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonceOf(headers["content-security-policy"]));
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("microphone=(self)");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The page's scripts carry this response's nonce (that is why they run).
  const scriptNonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonceOf(headers["content-security-policy"]));

  for (const path of ["/invite/some-token", "/join/some-token", "/signin"]) {
    expect((await page.request.get(path)).headers()["referrer-policy"], path).toBe("no-referrer");
  }
});

test("another page cannot frame the app (no clickjacking of accept, remove or delete)", async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on("console", (m) => void (m.text().includes("frame-ancestors") && refusals.push(m.text())));
  await page.setContent(`<iframe id="target" src="${baseURL}/signin" width="800" height="600"></iframe>`);
  const frame = await (await page.$("#target"))!.contentFrame();
  // The refusal itself, not a fixed wait: before it, an empty frame would pass the checks below.
  await expect.poll(() => refusals.join("\n")).toContain("frame-ancestors 'none'");
  // Chromium replaces a refused frame with its own error page: no app content inside.
  expect(await frame!.locator("text=RehearsalHub").count()).toBe(0);
  expect(frame!.url()).not.toBe(`${baseURL}/signin`);
});

test("cross-site state-changing requests are refused and change nothing; the app's own requests pass", async ({ page, baseURL }) => {
  await signedIn(page, "csrf");
  const before = await bandCount(page.request);
  const forged: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: `${baseURL}.evil.example` },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
  ];
  for (const headers of forged) {
    const response = await trpcPost(page.request, "band.create", { name: "Forged" }, headers);
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect(await response.json()).toMatchObject({ error: { reason: "CROSS_SITE_REQUEST" } });
  }
  // A cross-site POST to a page (e.g. a future server action) is refused by the proxy.
  expect((await page.request.post("/", { headers: { origin: "https://evil.example" }, data: "x" })).status()).toBe(403);
  expect(await bandCount(page.request)).toBe(before);

  const own = await trpcPost(page.request, "band.create", { name: "Ours" }, { origin: baseURL!, "sec-fetch-site": "same-origin" });
  expect(own.status()).toBe(200);
  const bandId = ((await own.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  const song = await trpcPost(page.request, "song.create", { bandId, title: "Target" });
  const songId = ((await song.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;

  // The multipart upload is a "simple" request browsers send cross-site without a preflight.
  const upload = await page.request.post(`/api/bands/${bandId}/songs/${songId}/versions`, {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    multipart: { file: { name: "x.wav", mimeType: "audio/wav", buffer: Buffer.from("RIFF") } },
  });
  expect(upload.status()).toBe(403);
  const versions = await page.request.get(`/api/trpc/version.list?input=${encodeURIComponent(JSON.stringify({ json: { bandId, songId } }))}`);
  expect(((await versions.json()) as { result: { data: { json: unknown[] } } }).result.data.json).toEqual([]);

  // Oversized and overlong tRPC requests are refused before any work.
  const many = Array.from({ length: 150 }, () => "band.create").join(",");
  const inputs = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [i, { json: { name: `Batch ${i}` } }]));
  expect((await page.request.post(`/api/trpc/${many}?batch=1`, { data: inputs })).status()).toBe(400);
  expect((await trpcPost(page.request, "band.create", { name: "x".repeat(20 * 1024 * 1024) })).status()).toBe(413);
  expect(await bandCount(page.request)).toBe(before + 1);
});

/** Opens a raw socket, starts an upload and hangs up after `sent` bytes (with a reset every other time). */
function abortedUpload(port: number, path: string, cookie: string, body: Buffer, sent: number, reset: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${cookie}\r\n` +
          `Content-Type: multipart/form-data; boundary=xx\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body.subarray(0, sent), () =>
        setTimeout(() => {
          if (reset) socket.resetAndDestroy();
          else socket.destroy();
          resolve();
        }, sent % 3),
      );
    });
    socket.on("error", () => resolve());
  });
}

test("uploads cut off at any moment leave no uncaught exception; the log has one line per API request and no secrets", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signedIn(page, "logs");
  const own = await trpcPost(page.request, "band.create", { name: "Loggers" });
  const bandId = ((await own.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  const song = await trpcPost(page.request, "song.create", { bandId, title: "Cut" });
  const songId = ((await song.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  const cookie = `${session.name}=${session.value}`;

  const wav = Buffer.concat([wavHeader(3_000_000 - 44), Buffer.alloc(3_000_000 - 44)]);
  const body = Buffer.concat([
    Buffer.from(`--xx\r\nContent-Disposition: form-data; name="file"; filename="cut.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
    wav,
    Buffer.from("\r\n--xx--\r\n"),
  ]);
  const port = Number(new URL(baseURL!).port);
  const path = `/api/bands/${bandId}/songs/${songId}/versions`;
  const cuts = [0, 50, 200, 4_096, 65_536, 1_000_000, 2_500_000];
  for (let round = 0; round < 10; round++) {
    await Promise.all(cuts.flatMap((sent, i) => [abortedUpload(port, path, cookie, body, sent, (i + round) % 2 === 0), abortedUpload(port, path, cookie, body, sent + round, false)]));
  }
  await page.waitForTimeout(1000);
  // The app is still fine, and no take was created from a cut-off upload.
  const versions = await page.request.get(`/api/trpc/version.list?input=${encodeURIComponent(JSON.stringify({ json: { bandId, songId } }))}`);
  expect(((await versions.json()) as { result: { data: { json: unknown[] } } }).result.data.json).toEqual([]);

  const log = fs.readFileSync(e2eAppLog, "utf8");
  expect(log).not.toMatch(/uncaughtException|unhandledRejection|Error: aborted|already closed/);
  expect(log).not.toContain(session.value);
  expect(log).not.toMatch(/callback\/email\?[^"\s]*token=/);
  const access = log
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg?: string; reqId?: string; path?: string; status?: number })
    .filter((l) => l.msg === "request");
  const uploads = access.filter((l) => l.path === path);
  expect(uploads.length).toBeGreaterThan(20);
  for (const line of access) expect(line.reqId).toMatch(/^[\w.:-]{8,}$/);
});
