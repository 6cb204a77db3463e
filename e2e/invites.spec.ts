import type { Browser, Page } from "@playwright/test";
import pg from "pg";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { appDatabaseUrl, createBand, expect, firstLink, signInByEmail, test, uniqueEmail, waitForMail } from "./support/fixtures";

const MOBILE = { width: 375, height: 812 };

/** Invites `email` through the UI and returns the one-time link shown to the admin. */
async function inviteThroughUi(page: Page, bandId: string, email: string): Promise<string> {
  await page.goto(`/bands/${bandId}/invites`);
  await page.waitForLoadState("networkidle"); // hydrated: no native form submit
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("heading", { name: "Invite sent" })).toBeVisible();
  const link = await page.getByTestId("one-time-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Screenshots at desktop and phone width, each checked with axe. */
async function snap(page: Page, dir: string, name: string) {
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, name);
  const size = page.viewportSize();
  await page.setViewportSize(MOBILE);
  await page.screenshot({ path: `${dir}/${name}-mobile.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, `${name}, phone width`);
  if (size) await page.setViewportSize(size);
}

async function signedOutPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

async function postMutation(page: Page, name: string, input: unknown) {
  const res = await page.request.post(`/api/trpc/${name}`, { data: { json: input } });
  const body = (await res.json()) as { error?: { json: { data: { reason: string | null } } } };
  return { status: res.status(), reason: body.error?.json.data.reason ?? null };
}

test("an admin invites a new address; the invitee signs in from the emailed link, accepts and lands in the band as a member", async ({ page, browser, screenshotDir }) => {
  const adminEmail = uniqueEmail("leader");
  const inviteeEmail = uniqueEmail("bassist");
  await signInByEmail(page, adminEmail);
  const bandId = await createBand(page, "The Open Tunings");

  const sentAt = Date.now() - 1000;
  const shownLink = await inviteThroughUi(page, bandId, inviteeEmail);
  const row = page.getByTestId("invite-row").filter({ hasText: inviteeEmail });
  await expect(row.getByText("Pending", { exact: true })).toBeVisible();
  await expect(row.getByText(/Invited by/)).toBeVisible();
  await snap(page, screenshotDir, "invites-admin");

  // The mail arrives at the test's SMTP server, with the same link.
  const mail = await waitForMail(inviteeEmail, /invited you to join The Open Tunings/, { after: sentAt });
  const link = firstLink(mail, /\/invite\//);
  expect(link).toBe(shownLink);
  expect(mail.html).toContain("ignore this email");

  // Signed out: the page names the invited address and sends the magic link.
  const invitee = await signedOutPage(browser);
  await invitee.page.goto(link);
  await expect(invitee.page.getByRole("heading", { name: "Join The Open Tunings" })).toBeVisible();
  await expect(invitee.page.getByText(/invited you to join/)).toBeVisible();
  const signInButton = invitee.page.getByRole("button", { name: `Sign in as ${inviteeEmail} to join` });
  await expect(signInButton).toBeVisible();
  await snap(invitee.page, screenshotDir, "invite-pending-signed-out");

  const requestedAt = Date.now() - 1000;
  await signInButton.click();
  await expect(invitee.page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const signInMail = await waitForMail(inviteeEmail, /sign-in link/i, { after: requestedAt });
  await invitee.page.goto(firstLink(signInMail, /\/api\/auth\/callback\/email/));

  // Back on the invite, signed in as the invited address: nothing happened yet.
  await expect(invitee.page).toHaveURL(link.replace(/^https?:\/\/[^/]+/, "http://localhost:" + new URL(invitee.page.url()).port));
  const accept = invitee.page.getByRole("button", { name: "Accept and join The Open Tunings" });
  await expect(accept).toBeVisible();
  await snap(invitee.page, screenshotDir, "invite-pending-signed-in");
  await accept.click();

  await expect(invitee.page).toHaveURL(new RegExp(`/bands/${bandId}\\?joined=1$`));
  await expect(invitee.page.getByRole("heading", { level: 1, name: "The Open Tunings" })).toBeVisible();
  await expect(invitee.page.getByRole("status").filter({ hasText: "You joined The Open Tunings. Welcome to the band!" })).toBeVisible();
  await expect(invitee.page).toHaveTitle("The Open Tunings · RehearsalHub");
  await expect(invitee.page.getByText("Member", { exact: true }).first()).toBeVisible();

  // As a plain member: the invites list, read-only.
  await invitee.page.getByRole("link", { name: "Invites" }).click();
  const mine = invitee.page.getByTestId("invite-row").filter({ hasText: inviteeEmail });
  await expect(mine.getByText("Accepted", { exact: true })).toBeVisible();
  await expect(invitee.page.getByText("Only the band's admins and owners can send invites.")).toBeVisible();
  await expect(invitee.page.getByRole("button", { name: "Send invite" })).toHaveCount(0);
  await expect(invitee.page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await snap(invitee.page, screenshotDir, "invites-member");

  // Single use, over HTTP: a second accept is a clean 409.
  const token = link.split("/").pop()!;
  expect(await postMutation(invitee.page, "invite.accept", { token })).toEqual({ status: 409, reason: "INVITE_USED" });

  // The admin hears about it.
  await waitForMail(adminEmail, /joined The Open Tunings/, { after: sentAt });

  // Someone opening the used link sees it plainly.
  const later = await signedOutPage(browser);
  await later.page.goto(link);
  await expect(later.page.getByRole("heading", { name: "This invite has already been used" })).toBeVisible();
  await snap(later.page, screenshotDir, "invite-used");
  await later.context.close();
  await invitee.context.close();
});

test("the wrong account sees the mismatch page; revoked, expired and unknown links each explain themselves", async ({ page, browser, screenshotDir }) => {
  const adminEmail = uniqueEmail("leader");
  const invitedEmail = uniqueEmail("singer");
  await signInByEmail(page, adminEmail);
  const bandId = await createBand(page, "Wrong Room");
  const link = await inviteThroughUi(page, bandId, invitedEmail);
  const token = link.split("/").pop()!;

  // Signed in as somebody else.
  const other = await signedOutPage(browser);
  const otherEmail = uniqueEmail("drummer");
  await signInByEmail(other.page, otherEmail);
  await other.page.goto(link);
  await expect(other.page.getByRole("heading", { name: "This invite is for someone else" })).toBeVisible();
  await expect(other.page.locator(".alert-warning")).toContainText(`You're signed in as ${otherEmail}`);
  await expect(other.page.locator(".alert-warning")).toContainText(invitedEmail);
  await expect(other.page.getByRole("button", { name: /Accept/ })).toHaveCount(0);
  await snap(other.page, screenshotDir, "invite-mismatch");
  expect(await postMutation(other.page, "invite.accept", { token })).toEqual({ status: 403, reason: "EMAIL_MISMATCH" });

  // Switch account: signed out, and a sign-in link goes to the invited address.
  const switchedAt = Date.now() - 1000;
  await other.page.getByRole("button", { name: `Sign out and sign in as ${invitedEmail}` }).click();
  await expect(other.page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const switchMail = await waitForMail(invitedEmail, /sign-in link/i, { after: switchedAt });
  expect(decodeURIComponent(firstLink(switchMail, /callback\/email/))).toContain(`/invite/${token}`);
  await other.context.close();

  // Revoked from the list (with confirmation).
  await page.goto(`/bands/${bandId}/invites`);
  await page.waitForLoadState("networkidle"); // hydrated: no native form submit
  const row = page.getByTestId("invite-row").filter({ hasText: invitedEmail });
  await row.getByRole("button", { name: `Revoke the invite for ${invitedEmail}` }).click();
  await page.getByRole("button", { name: "Revoke invite" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  const visitor = await signedOutPage(browser);
  await visitor.page.goto(link);
  await expect(visitor.page.getByRole("heading", { name: "This invite was withdrawn" })).toBeVisible();
  await snap(visitor.page, screenshotDir, "invite-revoked");

  // Expired: put a fresh invite past its expiry in the database.
  const lateEmail = uniqueEmail("keys");
  const lateLink = await inviteThroughUi(page, bandId, lateEmail);
  const db = new pg.Client({ connectionString: appDatabaseUrl() });
  await db.connect();
  try {
    const res = await db.query(`UPDATE "BandInvite" SET "expiresAt" = now() - interval '1 hour' WHERE email = $1`, [lateEmail]);
    expect(res.rowCount).toBe(1);
  } finally {
    await db.end();
  }
  await visitor.page.goto(lateLink);
  await expect(visitor.page.getByRole("heading", { name: "This invite has expired" })).toBeVisible();
  await snap(visitor.page, screenshotDir, "invite-expired");
  await page.reload();
  await expect(page.getByTestId("invite-row").filter({ hasText: lateEmail }).getByText("Expired", { exact: true })).toBeVisible();

  // Unknown.
  await visitor.page.goto("/invite/not-a-real-invite-token");
  await expect(visitor.page.getByRole("heading", { name: "This invite link doesn't work" })).toBeVisible();
  await snap(visitor.page, screenshotDir, "invite-unknown");
  await visitor.context.close();
});

test("a shareable join link lets a signed-in person join as member", async ({ page, browser, screenshotDir }) => {
  await signInByEmail(page, uniqueEmail("leader"));
  const bandId = await createBand(page, "Link Club");
  await page.goto(`/bands/${bandId}/invites`);
  // Until the page has hydrated, the button would submit the form natively (a reload).
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Max. people").fill("3");
  await page.getByRole("button", { name: "Create link" }).click();
  const link = await page.getByTestId("one-time-link").inputValue();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("join-link-summary")).toContainText("0 of 3 uses");

  const guest = await signedOutPage(browser);
  await signInByEmail(guest.page, uniqueEmail("guest"));
  await guest.page.goto(link);
  await expect(guest.page.getByRole("heading", { name: "Join Link Club" })).toBeVisible();
  await snap(guest.page, screenshotDir, "join-link");
  await guest.page.getByRole("button", { name: "Join Link Club" }).click();
  await expect(guest.page).toHaveURL(new RegExp(`/bands/${bandId}\\?joined=1$`));
  await expect(guest.page.getByRole("status").filter({ hasText: "You joined Link Club. Welcome to the band!" })).toBeVisible();
  await guest.context.close();

  await page.reload();
  await expect(page.getByTestId("join-link-summary")).toContainText("1 of 3 uses");
});
