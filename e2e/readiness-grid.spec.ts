import type { Locator } from "@playwright/test";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * The readiness grid with real names: five members whose names are 40
 * characters long. Headers never overlap, my own column comes first, the song
 * titles stay put while the grid scrolls sideways, a hint says when more
 * members are off to the side, and a full name shows on focus or tap.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

const name40 = (first: string) => `${first} Featherstonehaugh-Worthington-Smythe`.slice(0, 40);
const OTHERS = ["Alexandra", "Bartholomew", "Constantina", "Dmitrios"].map(name40);
const MY_NAME = name40("Evangeline");

let seed: AudioSeed;
let me: SeededUser;
let bandId: string;
let setlistId: string;

test.beforeAll(async () => {
  seed = new AudioSeed();
  const people: SeededUser[] = [];
  for (const name of OTHERS) people.push(await seed.user(name));
  bandId = await seed.band(people[0]!, "Long names band");
  for (const person of people.slice(1)) await seed.addMember(bandId, person);
  // I joined last: by join order my column would be the last one.
  me = await seed.user(MY_NAME);
  await seed.addMember(bandId, me);
  // Joins a second apart, in that order: rows inserted within one millisecond would tie.
  for (const [i, person] of [...people, me].entries()) {
    await seed.query(`UPDATE "BandMember" SET "createdAt" = now() - make_interval(secs => $3) WHERE "bandId" = $1 AND "userId" = $2`, [bandId, person.id, 10 - i]);
  }
  await seed.query(`UPDATE "BandMember" SET part = 'Lead vocals and tambourine' WHERE "bandId" = $1`, [bandId]);
  const songIds: string[] = [];
  for (const title of ["Opener", "A song whose title is rather long for a phone", "Closer"]) {
    const [row] = await seed.query<{ id: string }>(`INSERT INTO "Song" (id, "bandId", title, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, now()) RETURNING id`, [bandId, title]);
    songIds.push(row!.id);
  }
  await seed.query(`INSERT INTO "SongReadiness" ("bandId", "songId", "userId", ready, "updatedAt") VALUES ($1, $2, $3, true, now())`, [bandId, songIds[0], people[1]!.id]);
  setlistId = await seed.setlist(bandId, "Friday at the Crown", songIds);
});
test.afterAll(async () => {
  await seed?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (locator: Locator): Promise<Box> => (await locator.boundingBox())!;

for (const width of [390, 1366]) {
  test(`at ${width} px: headers do not overlap, my column is first, the song column stays put while the grid scrolls`, async ({ page, context }) => {
    await context.addCookies([{ name: "next-auth.session-token", value: me.cookie.split("=")[1]!, url: origin }]);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/bands/${bandId}/setlists/${setlistId}`);
    const grid = page.getByTestId("readiness-grid");
    const heads = grid.getByTestId("readiness-member");
    await expect(heads).toHaveCount(5);
    // The grid scrolls inside its own box: the page stays as wide as the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "page width").toBeLessThanOrEqual(width);

    // Mine first, labelled "You"; the others in the order they joined.
    await expect(heads.first()).toContainText("You");
    for (const [i, name] of OTHERS.entries()) await expect(heads.nth(i + 1).getByRole("button", { name: new RegExp(name) })).toHaveCount(1);
    await expect(grid.getByRole("row").nth(1).getByRole("button", { name: /I am ready for Opener/ })).toBeVisible();

    // No header overlaps the next one, and none spills out of its own cell.
    const boxes: Box[] = [];
    for (let i = 0; i < 5; i++) {
      const cell = await boxOf(heads.nth(i));
      const inner = await boxOf(heads.nth(i).getByTestId("readiness-head"));
      expect(inner.x, `header ${i + 1} starts inside its cell`).toBeGreaterThanOrEqual(cell.x - 0.5);
      expect(inner.x + inner.width, `header ${i + 1} ends inside its cell`).toBeLessThanOrEqual(cell.x + cell.width + 0.5);
      boxes.push(inner);
    }
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x, `header ${i + 1} starts after header ${i} ends`).toBeGreaterThanOrEqual(boxes[i - 1]!.x + boxes[i - 1]!.width);

    // A full name on focus (keyboard) and on tap, visible, not only in a title.
    const second = heads.nth(1).getByRole("button");
    await second.focus();
    const full = heads.nth(1).getByTestId("readiness-fullname");
    await expect(full).toBeVisible();
    await expect(full).toContainText(OTHERS[0]!);
    await page.keyboard.press("Escape");
    await expect(full).toBeHidden();
    await heads.nth(2).getByRole("button").click();
    await expect(heads.nth(2).getByTestId("readiness-fullname")).toContainText(OTHERS[1]!);
    // From the top of the page, where nothing sits under the sticky header (axe counts that as an obscured target).
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoSeriousA11yViolations(page, `readiness grid at ${width} px, a full name shown`);
    await page.keyboard.press("Escape");

    const scroller = page.getByRole("region", { name: /Readiness/ });
    const hint = page.getByRole("button", { name: /more members/i });
    const overflowing = await scroller.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    if (width === 390) expect(overflowing, "five long names do not fit a phone").toBe(true);
    if (!overflowing) {
      await expect(hint).toHaveCount(0);
    } else {
      // More columns off to the side: a hint says so, and scrolls when pressed.
      await expect(hint).toBeVisible();
      const hintBox = await boxOf(hint);
      expect(hintBox.height).toBeGreaterThanOrEqual(44);
      const songCell = grid.getByRole("rowheader", { name: "Opener" });
      const before = await boxOf(songCell);
      await hint.click();
      await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      const after = await boxOf(songCell);
      expect(Math.abs(after.x - before.x), "the song column stays in place").toBeLessThanOrEqual(1);
      await expect(songCell).toBeInViewport();
      // At the far end nothing more is off to the side.
      await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await expect(hint).toHaveCount(0);
      expect(Math.abs((await boxOf(songCell)).x - before.x)).toBeLessThanOrEqual(1);
      await expect(heads.last()).toBeInViewport();
      await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
      await expect(hint).toBeVisible();
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoSeriousA11yViolations(page, `readiness grid at ${width} px`);
    await screenshotAtWidths(page, `readiness-grid-${width}`, [width]);
  });
}
