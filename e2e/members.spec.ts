import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { callProcedure, procedure, signedInPage } from "./support/api";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { e2eAppLog } from "./support/paths";

/**
 * The members page as owner, admin and member. Extra members join through the
 * real invite flow (invite.create as the owner, invite.accept as the invitee),
 * called over HTTP with each user's own session cookie.
 */

async function inviteAndAccept(owner: Page, bandId: string, invitee: Page, email: string, role: "MEMBER" | "ADMIN") {
  const created = await callProcedure<{ link: string }>(owner, "invite.create", { bandId, email, role });
  expect(created.status).toBe(200);
  const token = created.body.result!.data.json.link.split("/invite/")[1]!;
  const accepted = await callProcedure(invitee, "invite.accept", { token });
  expect(accepted.status).toBe(200);
}

const rowOf = (page: Page, email: string) => page.getByTestId("member-row").filter({ hasText: email });

test("owner, admin and member each get exactly the controls they may use", async ({ browser, page, screenshotDir }) => {
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("owner");
  await signInByEmail(page, ownerEmail);
  await page.getByLabel("Band name").fill("The Members Test");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  const bandId = page.url().split("/bands/")[1]!;

  const admin = await signedInPage(browser, "admin");
  const member = await signedInPage(browser, "member");
  const sam = await signedInPage(browser, "sam");
  await inviteAndAccept(page, bandId, admin.page, admin.email, "ADMIN");
  await inviteAndAccept(page, bandId, member.page, member.email, "MEMBER");
  await inviteAndAccept(page, bandId, sam.page, sam.email, "MEMBER");

  // ---- owner: role menus and remove buttons on everyone else, leave on their own row
  await page.goto(`/bands/${bandId}/members`);
  await expect(page.getByTestId("member-row")).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();
  for (const email of [admin.email, member.email, sam.email]) {
    await expect(rowOf(page, email).getByRole("combobox")).toBeVisible();
    await expect(rowOf(page, email).getByRole("button", { name: /^Remove/ })).toBeVisible();
  }
  // The only owner is told why they cannot leave yet, instead of being offered controls that can only fail.
  await expect(rowOf(page, ownerEmail).getByTestId("sole-owner-note")).toHaveText("You're the only owner: make someone else an owner before you leave or step down.");
  await expect(rowOf(page, ownerEmail).getByRole("button", { name: "Leave band" })).toHaveCount(0);
  await expect(rowOf(page, ownerEmail).getByRole("combobox")).toHaveCount(0);
  await expect(rowOf(page, ownerEmail).getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(rowOf(page, member.email).getByRole("combobox").locator("option")).toHaveText(["Owner", "Admin", "Member"]);
  await page.screenshot({ path: `${screenshotDir}/members-owner.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, "members page as owner");

  // The owner promotes Sam; the change is confirmed first.
  await rowOf(page, sam.email).getByRole("combobox").selectOption("ADMIN");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Make ${sam.email} an admin?` })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/members-change-role-dialog.png` });
  await expectNoSeriousA11yViolations(page, "change-role dialog");
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toHaveText(`${sam.email} is now an admin.`);
  await expect(rowOf(page, sam.email).getByRole("combobox")).toHaveValue("ADMIN");

  // Still, over HTTP, the last owner cannot leave: a readable message.
  const lastOwner = await callProcedure(page, "member.leave", { bandId });
  expect(lastOwner.status).toBe(409);
  expect(lastOwner.body.error!.json.data).toMatchObject({ reason: "LAST_OWNER" });

  // ---- member: no menus, no remove buttons, no settings; only leave
  await member.page.goto(`/bands/${bandId}/members`);
  await expect(member.page.getByTestId("member-row")).toHaveCount(4);
  await expect(member.page.getByRole("combobox")).toHaveCount(0);
  await expect(member.page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(rowOf(member.page, member.email).getByRole("button", { name: "Leave band" })).toBeVisible();
  await expect(member.page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await member.page.screenshot({ path: `${screenshotDir}/members-member.png`, fullPage: true });
  await expectNoSeriousA11yViolations(member.page, "members page as member");

  // ---- admin (promoted at once by the owner's change: Sam's next page load has the powers)
  await sam.page.goto(`/bands/${bandId}/members`);
  await expect(sam.page.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(rowOf(sam.page, ownerEmail).getByRole("combobox")).toHaveCount(0);
  await expect(rowOf(sam.page, ownerEmail).getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(rowOf(sam.page, member.email).getByRole("combobox").locator("option")).toHaveText(["Admin", "Member"]);
  await sam.page.screenshot({ path: `${screenshotDir}/members-admin.png`, fullPage: true });
  await expectNoSeriousA11yViolations(sam.page, "members page as admin");

  // The admin removes the member, after confirming.
  await rowOf(sam.page, member.email).getByRole("button", { name: /^Remove/ }).click();
  await expect(sam.page.getByRole("dialog").getByRole("heading", { name: `Remove ${member.email}?` })).toBeVisible();
  await sam.page.screenshot({ path: `${screenshotDir}/members-remove-dialog.png` });
  await sam.page.getByRole("dialog").getByRole("button", { name: "Remove from band" }).click();
  await expect(rowOf(sam.page, member.email)).toHaveCount(0);

  // The removed member's very next request, with the old session cookie, is refused.
  const refused = await callProcedure(member.page, "member.list", { bandId });
  expect(refused.status).toBe(403);
  expect(refused.body.error!.json.data).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  await member.page.reload();
  await expect(member.page.getByRole("heading", { name: "You're not in this band" })).toBeVisible();

  // Sam leaves and lands on the dashboard without the band.
  await rowOf(sam.page, sam.email).getByRole("button", { name: "Leave band" }).click();
  await sam.page.getByRole("dialog").getByRole("button", { name: "Leave band" }).click();
  await expect(sam.page).toHaveURL(/\/\?left=The%20Members%20Test$/);
  await expect(sam.page.getByTestId("band-card").filter({ hasText: "The Members Test" })).toHaveCount(0);
  // A polite confirmation, which can be closed, and then stays closed on reload.
  const notice = sam.page.getByRole("status").filter({ hasText: "You left The Members Test." });
  await expect(notice).toBeVisible();
  await expectNoSeriousA11yViolations(sam.page, "dashboard after leaving a band");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(sam.page.getByText("You left The Members Test.")).toHaveCount(0);
  await expect(sam.page).toHaveURL(/\/$/);
  await sam.page.reload();
  await expect(sam.page.getByRole("heading", { name: "Your bands" })).toBeVisible();
  await expect(sam.page.getByText("You left The Members Test.")).toHaveCount(0);

  // ---- the activity log tells the story, newest first
  await page.goto(`/bands/${bandId}/activity`);
  const items = page.getByTestId("activity-item");
  await expect(items.first()).toContainText(`${sam.email} left the band`);
  await expect(page.getByText(`${sam.email} removed ${member.email} from the band`)).toBeVisible();
  await expect(page.getByText(`You changed ${sam.email} from Member to Admin`)).toBeVisible();
  await expect(page.getByText("You created the band")).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/activity.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, "activity page");

  // ---- 375px wide
  const mobile = await browser.newContext({ viewport: { width: 375, height: 812 }, storageState: await page.context().storageState() });
  const mobilePage = await mobile.newPage();
  await mobilePage.goto(`/bands/${bandId}/members`);
  await expect(mobilePage.getByTestId("member-row")).toHaveCount(2);
  expect(await mobilePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await mobilePage.screenshot({ path: `${screenshotDir}/members-owner-mobile.png`, fullPage: true });
  await expectNoSeriousA11yViolations(mobilePage, "members page as owner, 375px");
  await mobilePage.goto(`/bands/${bandId}/activity`);
  await expect(mobilePage.getByTestId("activity-item").first()).toBeVisible();
  await mobilePage.screenshot({ path: `${screenshotDir}/activity-mobile.png`, fullPage: true });
  await expectNoSeriousA11yViolations(mobilePage, "activity page, 375px");

  for (const c of [admin.context, member.context, sam.context, mobile]) await c.close();
});

test("admins rename the band; only owners delete it, after typing its name", async ({ browser, page, screenshotDir }) => {
  test.setTimeout(120_000);
  await signInByEmail(page, uniqueEmail("owner"));
  await page.getByLabel("Band name").fill("Doomed Band");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  const bandId = page.url().split("/bands/")[1]!;
  const admin = await signedInPage(browser, "admin");
  await inviteAndAccept(page, bandId, admin.page, admin.email, "ADMIN");

  await admin.page.goto(`/bands/${bandId}`);
  await admin.page.getByRole("link", { name: "Settings" }).click();
  await admin.page.getByLabel("Name", { exact: true }).fill("Doomed Band (renamed)");
  // Every change of the button's disabled state from the click on: saving, then done, never
  // enabled again in between (the saved name is the current one at once).
  await admin.page.getByRole("button", { name: "Rename band" }).evaluate((button: HTMLButtonElement) => {
    const states: boolean[] = [];
    (window as unknown as { renameStates: boolean[] }).renameStates = states;
    new MutationObserver(() => {
      if (states.at(-1) !== button.disabled) states.push(button.disabled);
    }).observe(button, { attributes: true, attributeFilter: ["disabled"] });
  });
  await admin.page.getByRole("button", { name: "Rename band" }).click();
  await expect(admin.page.getByRole("heading", { level: 1, name: "Doomed Band (renamed)" })).toBeVisible();
  await expect(admin.page.getByText("Saved. Everyone in the band sees the new name.")).toBeVisible();
  expect(await admin.page.evaluate(() => (window as unknown as { renameStates: boolean[] }).renameStates)).toEqual([true]);
  await expect(admin.page.getByRole("button", { name: "Delete band…" })).toHaveCount(0);
  await expect(admin.page.getByText("Only owners can delete the band.")).toBeVisible();
  await expectNoSeriousA11yViolations(admin.page, "settings page as admin");

  await page.goto(`/bands/${bandId}/settings`);
  await expectNoSeriousA11yViolations(page, "settings page as owner");
  await page.getByRole("button", { name: "Delete band…" }).click();
  const confirm = page.getByRole("dialog");
  const deleteButton = confirm.getByRole("button", { name: "Delete band forever" });
  await expect(deleteButton).toBeDisabled();
  await confirm.getByLabel(/Type .* to confirm/).fill("Doomed Band");
  await expect(deleteButton).toBeDisabled();
  await confirm.getByLabel(/Type .* to confirm/).fill("Doomed Band (renamed)");
  await page.screenshot({ path: `${screenshotDir}/band-delete-dialog.png` });
  await deleteButton.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("band-card")).toHaveCount(0);

  // Gone for the admin too, on their very next request.
  const gone = await callProcedure(admin.page, "band.get", { bandId });
  expect(gone.status).toBe(404);
  await admin.context.close();
});

/** The server's "band access checked" debug lines for one request, counted by procedure. */
function accessChecks(requestId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of fs.readFileSync(e2eAppLog, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; reqId?: string; procedure?: string };
    if (entry.msg === "band access checked" && entry.reqId === requestId) counts[entry.procedure!] = (counts[entry.procedure!] ?? 0) + 1;
  }
  return counts;
}

test("a band page loads its band once per request, and its panels find their data already there", async ({ page, screenshotDir }) => {
  await signInByEmail(page, uniqueEmail("loads"));
  await page.getByLabel("Band name").fill("The Load Counters");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  const bandId = page.url().split("/bands/")[1]!;

  const browserCalls: string[] = [];
  page.on("request", (request) => {
    const match = /\/api\/trpc\/([^?]+)/.exec(request.url());
    if (match) browserCalls.push(...match[1]!.split(","));
  });

  await page.goto("about:blank");

  for (const [path, prefetched] of [
    ["members", ["member.list"]],
    ["invites", ["invite.list", "joinLink.get"]],
  ] as const) {
    browserCalls.length = 0;
    const response = await page.goto(`/bands/${bandId}/${path}`);
    // Counted by the document request's id: link prefetches are requests (and renders) of their own.
    const requestId = response!.headers()["x-request-id"]!;
    expect(requestId).toBeTruthy();
    await expect(page.getByRole("heading", { name: "The Load Counters" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    // The layout and the page share one band.get: one access check for it, not two.
    const expected = Object.fromEntries([["band.get", 1], ...prefetched.map((p) => [p, 1])]);
    // The server's log lines reach the file through a pipe: wait for them.
    await expect.poll(() => accessChecks(requestId), { message: path }).toEqual(expected);
    // What the server prefetched is hydrated into the client's cache: no second fetch from the browser.
    expect(browserCalls.filter((call) => (prefetched as readonly string[]).includes(call) || call === "band.get"), path).toEqual([]);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${screenshotDir}/band-${path}-${width}.png`, fullPage: true });
    }
  }

  // The song page: the layout's band.get, the page's song.get and version.list, each checked once.
  const song = await procedure<{ id: string }>(page, "song.create", { bandId, title: "Counted" });
  const response = await page.goto(`/bands/${bandId}/songs/${song.id}`);
  const requestId = response!.headers()["x-request-id"]!;
  await expect(page.getByRole("heading", { name: "Counted" })).toBeVisible();
  await expect.poll(() => accessChecks(requestId), { message: "song page" }).toEqual({ "band.get": 1, "song.get": 1, "version.list": 1 });
});
