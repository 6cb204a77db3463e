import { expectNoSeriousA11yViolations } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";

test("a visitor signs in by email, creates a band and sees it on the dashboard", async ({ page, screenshotDir }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /every take, every song/i })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/landing.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, "signed-out landing");
  await page.goto("/signin");
  await expectNoSeriousA11yViolations(page, "sign-in page");
  await page.goto("/signin/check-email?email=someone%40example.test");
  await expectNoSeriousA11yViolations(page, "check-email page");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expectNoSeriousA11yViolations(page, "signed-out landing, 390px");
  await page.setViewportSize({ width: 1280, height: 720 });

  const email = uniqueEmail("drummer");
  await signInByEmail(page, email);

  await expect(page.getByRole("heading", { name: "Your bands" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No bands yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "empty dashboard");

  await page.getByLabel("Band name").fill("The Late Night Takes");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "The Late Night Takes" })).toBeVisible();
  await expect(page.getByText("Owner", { exact: true }).first()).toBeVisible();

  await page.getByRole("link", { name: "Your bands" }).click();
  const card = page.getByTestId("band-card").filter({ hasText: "The Late Night Takes" });
  await expect(card).toBeVisible();
  await expect(card.getByText("Owner")).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/dashboard.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, "dashboard with a band");
  await page.goto("/no-such-page");
  await expect(page.getByText("That page does not exist")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "not-found page");
  await page.goto("/");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in with email" })).toBeVisible();
});

test("a band refuses anonymous callers (401) and signed-in non-members (403 NOT_A_MEMBER) over HTTP", async ({ page, browser, request }) => {
  await signInByEmail(page, uniqueEmail("owner"));
  await page.getByLabel("Band name").fill("Private Band");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  const bandId = page.url().split("/bands/")[1]!;
  const input = encodeURIComponent(JSON.stringify({ json: { bandId } }));

  const own = await page.request.get(`/api/trpc/band.get?input=${input}`);
  expect(own.status()).toBe(200);

  const anonymous = await request.get(`/api/trpc/band.get?input=${input}`);
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.json.data.code).toBe("UNAUTHORIZED");

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signInByEmail(strangerPage, uniqueEmail("stranger"));
  const refused = await strangerPage.request.get(`/api/trpc/band.get?input=${input}`);
  expect(refused.status()).toBe(403);
  const body = await refused.json();
  expect(body.error.json.data).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  expect(JSON.stringify(body)).not.toContain("Private Band");

  await strangerPage.goto(`/bands/${bandId}`);
  await expect(strangerPage.getByRole("heading", { name: "You're not in this band" })).toBeVisible();
  await expectNoSeriousA11yViolations(strangerPage, "band page for a non-member");
  await stranger.close();
});
