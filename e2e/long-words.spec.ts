import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * A 3000-letter word or a long address, typed by someone into a title, notes, a
 * comment or the lyrics, wraps where it is shown: the page stays as wide as a phone.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const PHONE = { width: 390, height: 844 };
const word = (letter: string) => letter.repeat(3000);
const LONG_URL = `https://example.test/${"path/".repeat(80)}end`;

let seed: AudioSeed;
let owner: SeededUser;
let bandId: string;
let songId: string;

test.beforeAll(async () => {
  seed = new AudioSeed();
  owner = await seed.user("wordsmith");
  bandId = await seed.band(owner, "Long words band");
  const take = await seed.take(bandId, owner, makeWav({ seconds: 3, channels: 1 }), { songTitle: word("s"), title: word("t") });
  songId = (await seed.query<{ songId: string }>(`SELECT "songId" FROM "Version" WHERE id = $1`, [take.versionId]))[0]!.songId;
  await seed.query(`UPDATE "Version" SET notes = $2 WHERE id = $1`, [take.versionId, `${word("n")} ${LONG_URL}`]);
  await seed.query(`UPDATE "Song" SET lyrics = $2, notes = $3 WHERE id = $1`, [songId, `C G\n${word("l")}`, word("m")]);
  await seed.query(`INSERT INTO "Comment" (id, "bandId", "versionId", "authorId", body, "atSeconds", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 1, now())`, [
    bandId,
    take.versionId,
    owner.id,
    `${word("c")} ${LONG_URL}`,
  ]);
});
test.afterAll(async () => {
  await seed?.close();
});

async function expectPhoneWide(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: page width at ${PHONE.width} px`).toBeLessThanOrEqual(PHONE.width);
}

test("a 3000-letter word in a song title, take title, notes, a comment and the lyrics keeps every page 390 px wide", async ({ page, context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: owner.cookie.split("=")[1]!, url: origin }]);
  await page.setViewportSize(PHONE);

  await page.goto(`/bands/${bandId}/songs/${songId}`);
  await expect(page.getByTestId("take-row")).toHaveCount(1);
  await expect(page.getByTestId("comment")).toHaveCount(1);
  await expect(page.getByTestId("sheet-lyrics")).toBeVisible();
  await expect(page.getByText(word("n"), { exact: false }).first()).toBeVisible();
  await expectPhoneWide(page, "song page");
  await screenshotAtWidths(page, "long-words-song");

  await page.goto(`/bands/${bandId}`);
  await expect(page.getByText(word("s")).first()).toBeVisible();
  await expectPhoneWide(page, "song list");
  await screenshotAtWidths(page, "long-words-songs");
});
