import type { Page } from "@playwright/test";
import { createBand, expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

/** Every id on the page that more than one element carries. */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

async function invitesPage(page: Page, band: string) {
  await signInByEmail(page, uniqueEmail("leader"));
  const bandId = await createBand(page, band);
  await page.goto(`/bands/${bandId}/invites`);
  await page.waitForLoadState("networkidle"); // hydrated: no native form submit
}

async function sendInvite(page: Page) {
  await page.getByLabel("Email address").fill(uniqueEmail("invitee"));
  await page.getByRole("button", { name: "Send invite" }).click();
}

test("the invite form shows a bad address beside the field", async ({ page }) => {
  await invitesPage(page, "Field Check");
  const email = page.getByLabel("Email address");
  await email.fill("not an address");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const describedBy = await email.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText(/email address/i);
});

test("after an invite is sent the form is back to its defaults, so the next one is not an admin by accident", async ({ page }) => {
  await invitesPage(page, "Reset Check");
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByLabel("Expires after").first().selectOption("30");
  await sendInvite(page);
  await expect(page.getByRole("heading", { name: "Invite sent" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("");
  await expect(page.getByLabel("Role")).toHaveValue("MEMBER");
  await expect(page.getByLabel("Expires after").first()).toHaveValue("7");
});

test("a new invite link does not show as copied because the previous one was", async ({ page }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await invitesPage(page, "Copy Check");
  await sendInvite(page);
  const issued = page.getByLabel("Invite link (shown only now)");
  const firstLink = await issued.inputValue();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copied ✓" })).toBeVisible();

  await sendInvite(page);
  await expect(issued).not.toHaveValue(firstLink);
  await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copied ✓" })).toHaveCount(0);
});

test("the invite link and the join link on one page: each its own label and input, no id twice", async ({ page }) => {
  await invitesPage(page, "Id Check");
  await sendInvite(page);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByLabel("Join link (shown only now)")).toHaveValue(/\/join\//);
  await expect(page.getByLabel("Invite link (shown only now)")).toHaveValue(/\/invite\//);
  expect(await duplicateIds(page)).toEqual([]);
});

test("the join link settings show a bad limit beside the field", async ({ page }) => {
  await signInByEmail(page, uniqueEmail("leader"));
  const bandId = await createBand(page, "Limit Check");
  await page.goto(`/bands/${bandId}/invites`);
  // Until the page has hydrated, the button would submit the form natively (a reload).
  await page.waitForLoadState("networkidle");
  const maxUses = page.getByLabel("Max. people");
  await maxUses.fill("0");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(maxUses).toHaveAttribute("aria-invalid", "true");
  const describedBy = await maxUses.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Allow at least one use.");
  await maxUses.fill("5");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByLabel("Join link (shown only now)")).toHaveValue(/\/join\//);
});

test("the confirm dialog: Escape closes it and focus goes back to the button that opened it", async ({ page }) => {
  await signInByEmail(page, uniqueEmail("leader"));
  const bandId = await createBand(page, "Dialog Check");
  await page.goto(`/bands/${bandId}/settings`);
  const opener = page.getByRole("button", { name: "Delete band…" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: /Delete Dialog Check for everyone/ });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete band forever" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("Dialog Check");
  await expect(confirm).toBeEnabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Opened again, it starts empty.
  await opener.click();
  await expect(dialog.getByLabel(/to confirm/)).toHaveValue("");
  await expect(confirm).toBeDisabled();
});
