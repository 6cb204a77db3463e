import { expectNoSeriousA11yViolations } from "./support/a11y";
import { AudioSeed, type SeededUser } from "./support/audio-seed";
import { screenshotAtWidths } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

/**
 * No two members of a band appear with one name: a newcomer whose name is
 * already taken in the band is asked, beside a field, for a name to join
 * with, and joins under it; the link is not used up by the refusal.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://localhost:${port}`;

let seed: AudioSeed;
test.beforeAll(() => {
  seed = new AudioSeed();
});
test.afterAll(async () => {
  await seed?.close();
});

async function named(user: SeededUser, name: string) {
  await seed.query(`UPDATE "User" SET name = $2 WHERE id = $1`, [user.id, name]);
}

test("a newcomer whose name is taken in the band chooses another and joins with it", async ({ page, context }) => {
  const owner = await seed.user("owner");
  const newcomer = await seed.user("newcomer");
  await named(owner, "Alex Owner");
  await named(newcomer, "alex  owner");
  const bandId = await seed.band(owner, "The Open Tunings");
  const created = await fetch(`${origin}/api/trpc/joinLink.create`, {
    method: "POST",
    headers: { cookie: owner.cookie, "content-type": "application/json", origin },
    body: JSON.stringify({ json: { bandId } }),
  });
  expect(created.status).toBe(200);
  const link = ((await created.json()) as { result: { data: { json: { link: string } } } }).result.data.json.link;

  await context.addCookies([{ name: "next-auth.session-token", value: newcomer.cookie.split("=")[1]!, url: origin }]);
  await page.goto(link);
  await page.getByRole("button", { name: "Join The Open Tunings" }).click();

  const field = page.getByLabel("Name to join with");
  await expect(field).toBeFocused();
  await expect(field).toHaveAccessibleDescription(/already called “Alex Owner”/);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await screenshotAtWidths(page, "join-name-taken");

  await field.fill("Alex Bass");
  await page.getByRole("button", { name: "Join The Open Tunings" }).click();
  await expect(page).toHaveURL(new RegExp(`/bands/${bandId}`));
  const members = await seed.query<{ name: string }>(`SELECT u.name FROM "BandMember" m JOIN "User" u ON u.id = m."userId" WHERE m."bandId" = $1 ORDER BY u.name`, [bandId]);
  expect(members.map((m) => m.name)).toEqual(["Alex Bass", "Alex Owner"]);
});
