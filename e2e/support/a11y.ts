import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

type Scheme = "light" | "dark";

async function seriousViolations(page: Page): Promise<string[]> {
  // axe's orientation-lock rule reads shadow roots' <style> by copying it into a scratch
  // document, which inherits the page's CSP and is refused: a violation of axe's making.
  // Pages with a shadow root (the waveform) skip that rule and its CSS preload; the app never locks orientation.
  const shadow = await page.evaluate(() => [...document.querySelectorAll("*")].some((e) => e.shadowRoot));
  // options() replaces what withTags/disableRules set, so it goes first.
  let builder = new AxeBuilder({ page }).options(shadow ? { preload: false } : {}).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  if (shadow) builder = builder.disableRules(["css-orientation-lock"]);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n` +
        v.nodes.map((n) => `    - ${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(1).join("; ").trim()}`).join("\n"),
    );
}

/** Resolves once the page's finite animations and transitions have finished (at most 3 s) and a frame has painted. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.playState === "running" && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 3000))]);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/**
 * Runs axe on the page as it is now, in the dark and the light theme, and fails
 * on any serious or critical violation, listing each rule with the elements it
 * found and axe's help. axe is injected through Playwright's evaluate (the
 * DevTools protocol), which the page's Content-Security-Policy does not govern,
 * so the CSP guard in fixtures.ts stays on and sees nothing from it.
 */
export async function expectNoSeriousA11yViolations(page: Page, state = new URL(page.url()).pathname): Promise<void> {
  // Two axe passes take a few seconds on a busy machine: they get their own time, not the flow's.
  test.info().setTimeout(test.info().timeout + 15_000);
  const current: Scheme = (await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)) ? "dark" : "light";
  const report: string[] = [];
  for (const scheme of [current, current === "dark" ? "light" : "dark"] as const) {
    // Colours fade (0.15 s transitions): with reduced motion they jump to where they settle,
    // and whatever else still runs is waited for, so axe measures the page, not a frame mid-way.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await settled(page);
    report.push(...(await seriousViolations(page)).map((line) => `[${scheme}] ${line}`));
  }
  // Back to the page's own scheme while transitions are still off, so nothing fades afterwards.
  await page.emulateMedia({ colorScheme: current, reducedMotion: "reduce" });
  await settled(page);
  await page.emulateMedia({ reducedMotion: null });
  expect(report, `axe: serious or critical violations on ${state}`).toEqual([]);
}

/**
 * Every visible control smaller than 44x44 px, the size a fingertip hits
 * reliably. Links inside running text are exempt (WCAG 2.5.8's inline
 * exception), and a checkbox counts by its label.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    const controls = [...document.querySelectorAll("main a[href], main button, main select, main input:not([type=hidden]), main textarea, main summary, header a[href], header button")];
    const small: string[] = [];
    for (const el of controls) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || el.closest("dialog:not([open]), .visually-hidden")) continue;
      if (el.tagName === "A" && style.display === "inline" && el.closest("p, li, .alert")) continue;
      let box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio" || el.type === "file")) {
        const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        if (!label) {
          small.push(`${describe(el)} has no label to tap`);
          continue;
        }
        box = label.getBoundingClientRect();
      }
      if (box.height < min - 0.5 || box.width < min - 0.5) small.push(`${describe(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
    return small;
  }, min);
}
