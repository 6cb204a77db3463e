import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { procedure, signedInPage } from "./support/api";
import { screenshotAtWidths } from "./support/screenshots";
import { makeWav } from "../src/test/wav";
import { createBand, expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

/**
 * The band's week: a name and a part on the members page; a setlist built,
 * reordered by keyboard and printed; readiness marked by two members and seen
 * in the grid and on the band page. Screenshots of each new page at 390 and
 * 1366 px.
 */

const setOrder = (page: Page) => page.getByTestId("set-song").locator(".set-song-title").allTextContents();
/**
 * The server's answer to the page's next reorder. The list shows a new order the moment it
 * is asked for (before the server has it), so the order on screen proves nothing saved.
 */
const reorderAnswer = (page: Page) => page.waitForResponse((r) => r.request().method() === "POST" && /\/api\/trpc\/(?:[^?]*,)?setlist\.setSongs(?:[,?]|$)/.test(r.url()));

test("names and parts, a setlist reordered by keyboard and printed, readiness of two members", async ({ browser, page, screenshotDir }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const ownerEmail = uniqueEmail("owner");
  await signInByEmail(page, ownerEmail);

  // ---- a name: the dashboard asks for one, the profile page sets it, the header shows it
  await expect(page.getByTestId("name-banner")).toBeVisible();
  await page.getByRole("link", { name: "Add your name" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "profile page");
  await screenshotAtWidths(page, "band-week-profile");
  await page.getByLabel("Your name").fill("x".repeat(61));
  await expect(page.getByLabel("Your name")).toHaveValue("x".repeat(60));
  await page.getByLabel("Your name").fill("   ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Tell your band what to call you.")).toBeVisible();
  await page.getByLabel("Your name").fill("Olivia Stone");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("link", { name: /Your profile: Olivia Stone/ })).toBeVisible();
  await expect(page.locator(".site-header [data-testid=avatar]")).toHaveText("OS");

  const bandId = await createBand(page, "The Week Band");
  const member = await signedInPage(browser, "member");
  const invite = await procedure<{ link: string }>(page, "invite.create", { bandId, email: member.email, role: "MEMBER" });
  await procedure(member.page, "invite.accept", { token: invite.link.split("/invite/")[1] });
  await procedure(member.page, "profile.update", { name: "Marco Ruiz" });

  // ---- a part, on the members page, beside the name (email second)
  await page.goto(`/bands/${bandId}/members`);
  await page.getByLabel("What you play in The Week Band").fill("Drums");
  await page.getByRole("button", { name: "Save part" }).click();
  await expect(page.getByText("Saved: you play Drums.")).toBeVisible();
  const ownerRow = page.getByTestId("member-row").filter({ hasText: ownerEmail });
  await expect(ownerRow.locator(".member-name")).toContainText("Olivia Stone");
  await expect(ownerRow.getByTestId("member-part")).toHaveText("Drums");
  await expect(ownerRow.getByTestId("avatar")).toHaveText("OS");
  const memberRow = page.getByTestId("member-row").filter({ hasText: member.email });
  await expect(memberRow.locator(".member-name")).toContainText("Marco Ruiz");
  await expect(memberRow.getByTestId("member-part")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "members page with names and parts");
  await procedure(member.page, "member.setPart", { bandId, part: "Bass" });
  await page.reload();
  await expect(memberRow.getByTestId("member-part")).toHaveText("Bass");
  await expect(page.getByLabel("What you play in The Week Band")).toHaveValue("Drums");
  await screenshotAtWidths(page, "band-week-members");

  // ---- songs with sheets
  const titles = ["Opener", "Slow One", "Closer"];
  const songs: Record<string, string> = {};
  for (const title of titles) songs[title] = (await procedure<{ id: string }>(page, "song.create", { bandId, title })).id;
  await procedure(page, "song.update", { bandId, songId: songs.Opener, key: "E", tempoBpm: 132, status: "READY" });
  await procedure(page, "song.update", { bandId, songId: songs["Slow One"], key: "Bbm", tempoBpm: 68 });
  // One take, so the set has a length to add up and something to play.
  const upload = await page.request.post(`/api/bands/${bandId}/songs/${songs.Opener}/versions`, {
    multipart: { file: { name: "opener.wav", mimeType: "audio/wav", buffer: makeWav({ seconds: 3, channels: 1 }) } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const openerTake = ((await upload.json()) as { id: string }).id;

  // ---- a song sheet: chord lines over the lyrics, shown as a chart
  await page.goto(`/bands/${bandId}/songs/${songs["Slow One"]}`);
  await page.getByRole("button", { name: "Edit the song sheet" }).click();
  const lyrics = "Bbm        Gb\n  Slow down,   slow one\n\tF7\nAnd again";
  await page.getByLabel("Lyrics and chords").fill(lyrics);
  await page.getByLabel("Status").selectOption("LEARNING");
  await page.getByLabel("Tempo (BPM)").fill("500");
  await page.getByRole("button", { name: "Save sheet" }).click();
  await expect(page.getByText("Tempos go up to 400 BPM.")).toBeVisible();
  await page.getByLabel("Tempo (BPM)").fill("70");
  await page.getByRole("button", { name: "Save sheet" }).click();
  const sheetText = page.getByTestId("sheet-lyrics");
  await expect(sheetText).toBeVisible();
  // Shown as a chart: each chord over the lyrics at its column as written (the chart itself: song-sheet.spec.ts).
  await expect(sheetText.getByTestId("chart-chord")).toHaveText(["Bbm", "Gb", "F7"]);
  await expect(sheetText.getByTestId("chart-col").filter({ hasText: "F7" }).getByTestId("chart-syllable")).toHaveText("again");
  await expect(page.getByTestId("song-sheet")).toContainText("70 BPM");
  await expect(page.getByTestId("song-sheet")).toContainText("Learning");
  await expectNoSeriousA11yViolations(page, "song page with a song sheet");
  await screenshotAtWidths(page, "band-week-song-sheet");

  // ---- the songs board: search, sort, status badges, archive with undo
  await page.goto(`/bands/${bandId}`);
  const board = page.getByRole("list", { name: "Songs" });
  await page.getByLabel("Sort songs by").selectOption("title");
  await expect(board.getByTestId("song-row").locator(".song-title")).toHaveText(["Closer", "Opener", "Slow One"]);
  await page.getByLabel("Sort songs by").selectOption("status");
  await expect(board.getByTestId("song-row").locator(".song-title")).toHaveText(["Opener", "Slow One", "Closer"]);
  await expect(board.getByTestId("song-row").first()).toContainText("Ready");
  await page.getByLabel("Search songs").fill("SLOW");
  await expect(board.getByTestId("song-row").locator(".song-title")).toHaveText(["Slow One"]);
  await page.getByLabel("Search songs").fill("");
  await page.getByRole("button", { name: "Archive Closer" }).click();
  await expect(page.getByTestId("undo-toast")).toContainText("Archived “Closer”.");
  await expectNoSeriousA11yViolations(page, "songs board with the undo notice");
  await page.getByTestId("undo-toast").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("undo-toast")).toHaveCount(0);
  await expect(board.getByTestId("song-row").filter({ hasText: "Closer" })).toBeVisible();

  // ---- a setlist: created from the list page, three days ahead
  await page.goto(`/bands/${bandId}/setlists`);
  await expect(page.getByRole("heading", { name: "No setlists yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "setlists page, empty");
  const gig = new Date();
  gig.setDate(gig.getDate() + 3);
  gig.setHours(20, 30, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  await page.getByLabel("Name", { exact: true }).fill("Friday at the Crown");
  await page.getByLabel("Date and time (optional)").fill(`${gig.getFullYear()}-${pad(gig.getMonth() + 1)}-${pad(gig.getDate())}T20:30`);
  await page.getByRole("button", { name: "Create setlist" }).click();
  await expect(page).toHaveURL(/\/setlists\/[^/]+$/);
  const setlistUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "Friday at the Crown" })).toBeVisible();
  await expect(page.getByTestId("countdown")).toHaveText("in 3 days");

  for (const title of titles) {
    await page.getByLabel("Add a song").selectOption({ label: title });
    await page.getByRole("button", { name: "Add to set" }).click();
    await expect(page.getByTestId("set-song").filter({ hasText: title })).toBeVisible();
  }
  expect(await setOrder(page)).toEqual(["Opener", "Slow One", "Closer"]);

  // ---- reorder by keyboard: the Move buttons, then dnd-kit's keyboard mode on a drag handle
  await page.getByRole("button", { name: "Move Closer up" }).focus();
  const movedUp = reorderAnswer(page);
  await page.keyboard.press("Enter");
  await expect.poll(() => setOrder(page)).toEqual(["Opener", "Closer", "Slow One"]);
  expect((await movedUp).ok()).toBe(true);
  await page.getByRole("button", { name: "Drag Opener to reorder" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Opener is over position 1." })).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("status").filter({ hasText: "Opener is over position 2." })).toBeAttached();
  const dropped = reorderAnswer(page);
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Opener dropped at position 2." })).toBeAttached();
  await expect.poll(() => setOrder(page)).toEqual(["Closer", "Opener", "Slow One"]);
  expect((await dropped).ok()).toBe(true);
  await page.reload();
  expect(await setOrder(page)).toEqual(["Closer", "Opener", "Slow One"]);

  // A gig note for one song.
  await page.getByRole("button", { name: "Add a gig note for Opener" }).click();
  await page.getByLabel("Gig note for Opener").fill("Count in fast");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("set-song").filter({ hasText: "Opener" })).toContainText("Count in fast");

  // ---- readiness: the owner is ready for two songs, the member for one
  await page.getByRole("button", { name: "I am ready for Opener" }).click();
  await expect(page.getByRole("button", { name: "I am ready for Opener" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "I am ready for Closer" }).click();
  await expect(page.getByRole("button", { name: "I am ready for Closer" })).toHaveAttribute("aria-pressed", "true");

  await member.page.goto(setlistUrl);
  await member.page.getByRole("button", { name: "I am ready for Opener" }).click();
  await expect(member.page.getByRole("button", { name: "I am ready for Opener" })).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousA11yViolations(member.page, "setlist page as a member");

  await page.reload();
  const grid = page.getByTestId("readiness-grid");
  await expect(grid.getByTestId("readiness-member")).toHaveText([/You\s*Drums/, /Marco Ruiz\s*Bass/]);
  const row = (title: string) => grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
  await expect(row("Opener").getByRole("button")).toHaveAttribute("aria-pressed", "true");
  await expect(row("Opener").locator("td").nth(1)).toHaveAttribute("data-ready", "true");
  await expect(row("Closer").locator("td").nth(1)).toHaveAttribute("data-ready", "false");
  await expect(row("Slow One").getByRole("button")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("not-ready-count")).toHaveText("2 songs not ready");
  await expect(page.getByTestId("set-total")).toHaveText("Total under a minute, plus 2 songs without a take");

  // Play the set: songs without a take are skipped, the first take plays.
  await page.getByRole("button", { name: "Play from the top" }).click();
  await expect(page.getByTestId("set-now-playing")).toHaveText("Now playing 2. Opener");
  await expect(page.locator("audio.set-audio")).toHaveAttribute("src", `/api/versions/${openerTake}/stream`);
  await expect.poll(() => page.locator("audio.set-audio").evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 }).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(page, "setlist page with readiness");
  await screenshotAtWidths(page, "band-week-setlist");

  // The band page names the next gig.
  await page.goto(`/bands/${bandId}`);
  const weekday = gig.toLocaleDateString("en-GB", { weekday: "long" });
  // The set's name says its day: the line says it once, and adds the real day when the name's is not it.
  const gigLine = weekday === "Friday" ? "2 songs not ready for Friday at the Crown." : `2 songs not ready for Friday at the Crown (${weekday}).`;
  await expect(page.getByTestId("next-gig-readiness")).toContainText(gigLine);

  await page.goto(`/bands/${bandId}/setlists`);
  await expect(page.getByTestId("setlist-row")).toContainText("2 not ready");
  await expectNoSeriousA11yViolations(page, "setlists page");
  await screenshotAtWidths(page, "band-week-setlists");

  // ---- the print view: the set in order with keys and tempos, one page
  await page.goto(setlistUrl);
  await page.getByRole("link", { name: "Print view" }).click();
  await expect(page).toHaveURL(/\/print$/);
  const sheet = page.getByTestId("print-sheet");
  await expect(sheet.locator(".print-songs li")).toHaveText([/^Closer/, /^Opener\s*E · 132 bpm · 0:03\s*Count in fast/, /^Slow One\s*Bbm · 70 bpm/]);
  await expectNoSeriousA11yViolations(page, "print view");
  await screenshotAtWidths(page, "band-week-print");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  // One page: a PDF names each of its pages with "/Type /Page" (and the tree once with "/Type /Pages").
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
  await page.screenshot({ path: `${screenshotDir}/band-week-print-media.png`, fullPage: true });
  await member.context.close();
});
