import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { expectNoSeriousA11yViolations, smallTouchTargets } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

/** The app on a 390 px phone: every control big enough for a thumb, nothing off screen, every tab in sight. */

const PHONE = { width: 390, height: 844 };
const LONG_NAME = "The Extraordinarily Long-Named Midnight Rehearsal Collective of Manchester";

async function post<T>(page: Page, name: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${name}`, { data: { json: input } });
  expect(res.status(), name).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Fails unless every one of `names`' boxes lies inside the viewport's width. */
async function expectInsideScreen(page: Page, what: string) {
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).replace(/\s+/g, ".")} right=${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 8),
  );
  expect(overflowing, `${what}: elements past the right edge`).toEqual([]);
}

test("at 390 px every control on the song, members and invite pages is at least 44x44 px, and the band tabs all show", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  await signInByEmail(page, uniqueEmail("owner"));
  const band = await post<{ id: string }>(page, "band.create", { name: LONG_NAME });
  const song = await post<{ id: string }>(page, "song.create", { bandId: band.id, title: "Harbour Lights" });

  // A second person, so the members page has role menus and remove buttons.
  const other = await browser.newContext({ viewport: PHONE });
  const otherPage = await other.newPage();
  const otherEmail = uniqueEmail("bassist");
  await signInByEmail(otherPage, otherEmail);
  const invite = await post<{ link: string }>(page, "invite.create", { bandId: band.id, email: otherEmail, role: "MEMBER" });

  // The invite landing: the long band name wraps inside the accept button.
  await otherPage.goto(new URL(invite.link).pathname);
  const accept = otherPage.getByRole("button", { name: `Accept and join ${LONG_NAME}` });
  await expect(accept).toBeVisible();
  const box = (await accept.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await expectInsideScreen(otherPage, "invite landing");
  await accept.click();
  await expect(otherPage.getByRole("status").filter({ hasText: `You joined ${LONG_NAME}.` })).toBeVisible();
  await other.close();

  // The song page with a take and a timestamped comment.
  await page.goto(`/bands/${band.id}/songs/${song.id}`);
  await page.getByTestId("upload-file").setInputFiles({ name: "take.wav", mimeType: "audio/wav", buffer: makeWav({ seconds: 3, channels: 1 }) });
  await page.getByRole("button", { name: "Upload take" }).click();
  await expect(page.getByTestId("take-row")).toHaveCount(1, { timeout: 20_000 });
  // A comment has a moment once the take has been played or sought: seek to 0:01 first.
  const audio = page.locator("audio");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await audio.evaluate((a: HTMLAudioElement) => (a.currentTime = 1));
  await expect(page.getByTestId("comment-at")).toHaveText("0:01");
  await page.getByLabel("Your comment").fill("Count-in is too fast");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const chip = page.getByTestId("comment-timestamp");
  await expect(chip).toBeVisible();
  // Its accessible name starts with the time it shows (label in name).
  await expect(chip).toHaveAccessibleName("0:01, play from here");
  await page.reload();
  await expect(page.getByTestId("comment")).toHaveCount(1);
  expect(await smallTouchTargets(page), "song page controls under 44x44 px").toEqual([]);
  await expectInsideScreen(page, "song page");
  await expect(page).toHaveTitle("Harbour Lights · " + LONG_NAME + " · RehearsalHub");

  // The members page as owner.
  await page.goto(`/bands/${band.id}/members`);
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  expect(await smallTouchTargets(page), "members page controls under 44x44 px").toEqual([]);
  await expectInsideScreen(page, "members page");
  await expect(page).toHaveTitle(`Members · ${LONG_NAME} · RehearsalHub`);

  // Every band tab is on screen, none scrolled out of sight.
  for (const tab of ["Songs", "Members", "Invites", "Activity", "Settings"]) {
    const link = page.getByRole("navigation", { name: "Band sections" }).getByRole("link", { name: tab });
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  await expectNoSeriousA11yViolations(page, "members page, 390px");
});
