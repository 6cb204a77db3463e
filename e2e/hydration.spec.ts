import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { expect, test } from "./support/fixtures";

/**
 * The server renders in its own time zone and locale; a browser far from it
 * (Auckland, German) must hydrate the band, song and setlist pages without
 * React's hydration mismatch (minified error #418).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
let user: SeededUser;
let bandId: string;
let songId: string;
let setlistId: string;

test.beforeAll(async () => {
  seed = new AudioSeed();
  user = await seed.user("far-away");
  bandId = await seed.band(user, "Antipodes");
  const take = await seed.take(bandId, user, makeWav({ seconds: 30, channels: 1, sampleRate: 8000 }), { songTitle: "Southern Cross" });
  songId = (await seed.query<{ songId: string }>(`SELECT "songId" FROM "Version" WHERE id = $1`, [take.versionId]))[0]!.songId;
  // Late in the evening UTC: already the next day in Auckland.
  await seed.query(`UPDATE "Version" SET "createdAt" = date_trunc('day', now()) - interval '2 days' + interval '22 hours 30 minutes' WHERE id = $1`, [take.versionId]);
  await seed.query(`INSERT INTO "Comment" (id, "bandId", "versionId", "authorId", body, "atSeconds", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, 'Tighter here', 1, now() - interval '3 hours', now())`, [
    randomUUID(),
    bandId,
    take.versionId,
    user.id,
  ]);
  setlistId = randomUUID();
  await seed.query(`INSERT INTO "Setlist" (id, "bandId", name, "performAt", "updatedAt") VALUES ($1, $2, 'Harbour gig', date_trunc('day', now()) + interval '3 days 21 hours', now())`, [setlistId, bandId]);
  await seed.query(`INSERT INTO "SetlistSong" (id, "bandId", "setlistId", "songId", position) VALUES ($1, $2, $3, $4, 0)`, [randomUUID(), bandId, setlistId, songId]);
});

test.afterAll(async () => {
  await seed?.close();
});

async function farAwayPage(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ timezoneId: "Pacific/Auckland", locale: "de-DE" });
  await context.addCookies([{ name: "next-auth.session-token", value: user.cookie.split("=")[1]!, url: origin }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
  return { page, errors, close: () => context.close() };
}

const hydrationErrors = (errors: string[]) => errors.filter((e) => /hydrat|#418|did not match|didn't match/i.test(e));

test("the band, song and setlist pages hydrate without a mismatch in another time zone and locale", async ({ browser }) => {
  const { page, errors, close } = await farAwayPage(browser);
  try {
    await page.goto(`${origin}/bands/${bandId}`);
    await expect(page.getByRole("link", { name: /Southern Cross/ })).toBeVisible();
    // Hydrated: the page's links prefetch, and React has reported what it found.
    await page.waitForLoadState("networkidle");

    // A deep link's moment: the player applies it as it hydrates, before the comments do.
    await page.goto(`${origin}/bands/${bandId}/songs/${songId}?t=12`);
    await expect(page.getByTestId("take-row")).toHaveCount(1);
    await expect(page.getByTestId("comment")).toHaveCount(1);
    await expect(page.getByTestId("player-current")).toHaveText("0:12");
    await page.waitForLoadState("networkidle");
    // The place remembered from the last visit, read from this browser's storage.
    await page.getByTestId("player-seek").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("player-current")).toHaveText("0:17");
    await page.goto(`${origin}/bands/${bandId}/songs/${songId}`);
    await expect(page.getByTestId("player-current")).toHaveText("0:17");
    await expect(page.getByTestId("comment")).toHaveCount(1);
    await page.waitForLoadState("networkidle");

    await page.goto(`${origin}/bands/${bandId}/setlists/${setlistId}`);
    await expect(page.getByText("Harbour gig").first()).toBeVisible();
    await expect(page.getByTestId("countdown").first()).toBeVisible();
    await page.waitForLoadState("networkidle");

    expect(hydrationErrors(errors), errors.join("\n")).toEqual([]);
  } finally {
    await close();
  }
});
