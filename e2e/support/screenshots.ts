import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** A full-page screenshot at each width, under this run's own E2E_ROOT, to look at the layout. */
export async function screenshotAtWidths(page: Page, name: string, widths = [390, 1366]): Promise<void> {
  const dir = path.resolve(process.env.E2E_ROOT || ".data/e2e", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    // From the top, so the sticky header sits where a visitor sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    // The waveform redraws 100 ms after its box changes size: a picture, not an assertion, waits for it.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
