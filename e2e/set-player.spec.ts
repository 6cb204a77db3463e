import type { Page } from "@playwright/test";
import { makeWav } from "../src/test/wav";
import { AudioSeed, type SeededTake, type SeededUser } from "./support/audio-seed";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * "Play the set" goes from one take to the next on its own, many times in a
 * row, also in a page that gets no animation frames (hidden, or on a locked
 * phone): every advance reaches "playing" on the next take.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;
const ROUNDS = 5;

let seed: AudioSeed;
let owner: SeededUser;
let bandId: string;
let setlistId: string;
let takes: SeededTake[];

test.beforeAll(async () => {
  seed = new AudioSeed();
  owner = await seed.user("Set player");
  bandId = await seed.band(owner, "Set player band");
  takes = [];
  // Four short takes, each its own tone, so a stalled advance is told from a finished one.
  for (const [i, title] of ["One", "Two", "Three", "Four"].entries()) {
    takes.push(await seed.take(bandId, owner, makeWav({ seconds: 1, channels: 1, frequency: 330 + 110 * i }), { songTitle: title }));
  }
  const songIds: string[] = [];
  for (const take of takes) songIds.push(await seed.songOf(take));
  setlistId = await seed.setlist(bandId, "Short set", songIds);
});
test.afterAll(async () => {
  await seed?.close();
});

/** Records, in the page, which take each "playing" event of the set's player was for. */
async function recordPlays(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { setPlays: string[] };
    w.setPlays = [];
    document.addEventListener(
      "playing",
      (event) => {
        const audio = event.target as HTMLAudioElement;
        if (audio.classList.contains("set-audio")) w.setPlays.push(new URL(audio.currentSrc).pathname);
      },
      true,
    );
  });
}
const plays = (page: Page) => page.evaluate(() => (window as unknown as { setPlays: string[] }).setPlays);
const streamOf = (take: SeededTake) => `/api/versions/${take.versionId}/stream`;

async function playTheSetRounds(page: Page, rounds: number) {
  const expected: string[] = [];
  for (let round = 0; round < rounds; round++) {
    await page.getByRole("button", { name: /from the top/i }).click();
    for (const take of takes) {
      expected.push(streamOf(take));
      // Each take reaches "playing" in turn; a stall leaves the next one loaded at 0:00 and this times out.
      await expect.poll(() => plays(page), { timeout: 15_000, message: `round ${round + 1}, ${take.songTitle}` }).toEqual(expected);
    }
    // The set has finished: the last take played to its end.
    await expect.poll(() => page.locator("audio.set-audio").evaluate((a: HTMLAudioElement) => a.ended), { timeout: 10_000 }).toBe(true);
  }
}

test("Play the set advances through 4 takes 5 times over (15 advances), each reaching playing on the next take", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addCookies([{ name: "next-auth.session-token", value: owner.cookie.split("=")[1]!, url: origin }]);
  await page.goto(`/bands/${bandId}/setlists/${setlistId}`);
  await expect(page.getByRole("button", { name: "Play from the top" })).toBeEnabled();
  await recordPlays(page);
  await playTheSetRounds(page, ROUNDS);
  expect(await plays(page)).toHaveLength(ROUNDS * takes.length);
  await expect(page.getByTestId("set-now-playing")).toContainText("4. Four");
  // From the top of the page, where nothing sits under the sticky header.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, "setlist page after playing the set");
  await screenshotAtWidths(page, "set-player");
});

test("Play the set keeps advancing in a page that gets no animation frames (a hidden page, a locked phone)", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addCookies([{ name: "next-auth.session-token", value: owner.cookie.split("=")[1]!, url: origin }]);
  await page.goto(`/bands/${bandId}/setlists/${setlistId}`);
  await expect(page.getByRole("button", { name: "Play from the top" })).toBeEnabled();
  await recordPlays(page);
  // The phone is locked once the page is up: browsers run no requestAnimationFrame callbacks in a
  // hidden page, while its audio plays on. Headless Chromium keeps a background tab visible, so
  // this page simply gets no more frames, as a hidden one would.
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
  });
  await playTheSetRounds(page, 2);
});
