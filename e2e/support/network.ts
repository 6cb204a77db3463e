import { createHash } from "node:crypto";
import type { Page, Route } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * A dead spot in the middle of uploads: each upload's second request (after
 * its first 8 MiB part) is held on its way; cut() waits until every one of
 * `uploads` is held, takes the page offline (navigator.onLine false, every new
 * request fails) and makes the held requests fail as a lost connection does;
 * back() brings the network back, and `online` fires.
 */
export async function deadSpotAtSecondPart(page: Page, uploads: number): Promise<{ cut: () => Promise<void>; back: () => Promise<void> }> {
  const parts = new Map<string, number>();
  const held: Route[] = [];
  let allHeld!: () => void;
  const reached = new Promise<void>((resolve) => (allHeld = resolve));
  await page.route(/\/api\/uploads\/[0-9a-f]{32}$/, async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    const path = new URL(route.request().url()).pathname;
    const part = (parts.get(path) ?? 0) + 1;
    parts.set(path, part);
    if (part !== 2) return route.continue();
    held.push(route);
    if (held.length === uploads) allHeld();
  });
  return {
    cut: async () => {
      await reached;
      await page.context().setOffline(true);
      for (const route of held) await route.abort("internetdisconnected");
    },
    back: () => page.context().setOffline(false),
  };
}

/** What a page says while an upload waits for the network (its live region). */
export const waitingForNetwork = (page: Page) => page.getByRole("status").filter({ hasText: /^Waiting for the network…/ });


/** The page's clock runs three minutes ahead: longer than every retry delay of an upload together. */
export const pastEveryRetryDelay = (page: Page) => page.clock.fastForward("03:00");

/** Every request to the resumable upload endpoint, in order. */
export function recordUploadRequests(page: Page): { method: string; path: string }[] {
  const requests: { method: string; path: string }[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/uploads")) requests.push({ method: request.method(), path: pathname });
  });
  return requests;
}

/** The take's original bytes, as downloaded, are exactly these. */
export async function expectDownloadedBytes(page: Page, href: string, bytes: Buffer) {
  const downloaded = await page.request.get(href);
  expect(downloaded.status()).toBe(200);
  expect(createHash("sha256").update(await downloaded.body()).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
}

/** The song page's player plays the selected take (muted): its playhead moves. */
export async function expectTakePlays(page: Page) {
  const audio = page.getByTestId("player-audio");
  await expect(audio).toHaveAttribute("src", /\/stream/);
  await audio.evaluate((a: HTMLAudioElement) => (a.muted = true));
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.3);
}
