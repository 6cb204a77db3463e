import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { expect, signInByEmail, test, uniqueEmail, waitForMail } from "./support/fixtures";
import type { CapturedMail } from "./support/mail-capture";
import { e2eMailDir } from "./support/paths";

/** What a probe with curl would try, against the built app, with the real SMTP capture behind it. */

function mailsTo(address: string): CapturedMail[] {
  if (!fs.existsSync(e2eMailDir)) return [];
  return fs
    .readdirSync(e2eMailDir)
    .map((f) => JSON.parse(fs.readFileSync(path.join(e2eMailDir, f), "utf8")) as CapturedMail)
    .filter((m) => m.to.some((to) => to.includes(address.toLowerCase())));
}

/** POST /api/auth/signin/email as a plain HTML form would (csrf cookie + token), without following the redirect. */
async function askForLink(request: APIRequestContext, email: string): Promise<{ status: number; location: string }> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  return { status: response.status(), location: response.headers()["location"] ?? "" };
}

/**
 * A link asked for a fresh address after the others, and its mail arrived: a mail wrongly
 * sent for one of the earlier requests would have arrived before it. (Proves "nothing was
 * sent" by something that only happens once mail has gone through, not by waiting a while.)
 */
async function controlMailArrived(request: APIRequestContext) {
  const control = uniqueEmail("control");
  const askedAt = Date.now() - 1000;
  expect((await askForLink(request, control)).location).toContain("/api/auth/verify-request");
  await waitForMail(control, /sign-in link/i, { after: askedAt });
}

test("a malformed percent-encoding or a control character in a page URL gets the styled 404, never a raw 500", async ({ request }) => {
  for (const url of ["/bands/%E0%A4%A", "/invite/%E0%A4%A", "/join/%E0%A4%A", "/bands/abc/songs/%E0%A4%A", "/bands/%00", "/bands/abc%00def/songs/x"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).toContain("That page does not exist");
  }
  const api = await request.get("/api/versions/%E0%A4%A/stream");
  expect(api.status()).toBe(400);
  expect(await api.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
});

test("a look-alike callbackUrl is treated as foreign (the app's own origin), in the query and in the cookie, never a 500", async ({ request, baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const foreign of [`https://${host}.evil.example/`, `http://${new URL(baseURL!).hostname}.evil.example/`, "http://[::1", "javascript:alert(1)"]) {
    const session = await request.get(`/api/auth/session?callbackUrl=${encodeURIComponent(foreign)}`);
    expect(session.status(), foreign).toBe(200);
    const signin = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(foreign)}`, { maxRedirects: 0 });
    expect(signin.status(), foreign).toBe(302);
    expect(signin.headers()["location"], foreign).toBe(`/signin?callbackUrl=${encodeURIComponent(`${baseURL}/`)}`);
    const withCookie = await request.get("/api/auth/session", { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(foreign)}` } });
    expect(withCookie.status(), foreign).toBe(200);
  }
  const page = await request.get(`/signin?callbackUrl=${encodeURIComponent(`https://${host}.evil.example/`)}`);
  expect(page.status()).toBe(200);
  // The form posts back to the app's home, not to the look-alike (the URL itself is echoed in the page's router state).
  expect(await page.text()).toContain('\\"callbackUrl\\":\\"/\\"');
});

test("sign-in mails go to exactly one plain address: lists, display names, CR/LF and NUL are refused and nothing is sent", async ({ request }) => {
  const victim = uniqueEmail("victim");
  const attacker = uniqueEmail("attacker");
  for (const email of [`${victim},${attacker}`, `${victim};${attacker}`, `"${victim}" <${attacker}>`, `${victim}\r\nBcc: ${attacker}`, `${victim}\u0000`, `Victim <${attacker}>`]) {
    const answer = await askForLink(request, email);
    expect(answer.status, JSON.stringify(email)).toBe(302);
    expect(answer.location, JSON.stringify(email)).toMatch(/\/signin\?error=InvalidEmail$/);
  }
  const page = await request.get("/signin?error=InvalidEmail");
  expect(await page.text()).toContain("That is not an email address we can send a link to");
  await controlMailArrived(request);
  expect(mailsTo(victim)).toEqual([]);
  expect(mailsTo(attacker)).toEqual([]);
});

test("the 6th sign-in mail to one address within 15 minutes is refused and says when to try again", async ({ request, page }) => {
  const address = uniqueEmail("often");
  for (let i = 0; i < 5; i++) {
    const answer = await askForLink(request, i % 2 ? address.toUpperCase() : address);
    expect(answer.location, `mail ${i + 1}`).toContain("/api/auth/verify-request");
  }
  const sixth = await askForLink(request, address);
  expect(sixth.location).toMatch(/\/signin\?error=TooManyEmails&retryMinutes=1[45]$/);
  await expect.poll(() => mailsTo(address).length).toBe(5);
  await controlMailArrived(request);
  expect(mailsTo(address)).toHaveLength(5);

  // The branded page explains it, both after the redirect and from the form.
  // (Next's route announcer is an alert too: look for ours by its text.)
  const tooMany = page.getByRole("alert").filter({ hasText: /Too many sign-in emails .* Try again in 1[45] minutes/ });
  await page.goto(sixth.location);
  await expect(tooMany).toBeVisible();
  await expectNoSeriousA11yViolations(page, "sign-in page with an error");
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: /email me a sign-in link/i }).click();
  await expect(tooMany).toBeVisible();
  await page.getByLabel("Email address").fill(`${address}, someone@example.test`);
  await page.getByRole("button", { name: /email me a sign-in link/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter one plain email address" })).toBeVisible();
});

test("the create-band and invite forms show the server's limit message, not a generic one", async ({ page }) => {
  await signInByEmail(page, uniqueEmail("prolific"));
  const mutate = async (name: string, input: unknown) => (await page.request.post(`/api/trpc/${name}`, { data: { json: input } })).status();
  // Reach the caps over HTTP, then hit them once more through the forms.
  const bands: string[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await page.request.post("/api/trpc/band.create", { data: { json: { name: `Cap ${i}` } } });
    expect(res.status(), `band ${i + 1}`).toBe(200);
    bands.push(((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id);
  }
  await page.goto("/");
  await page.getByLabel("Band name").fill("One too many");
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^You have created 20 bands today\. Try again in \d+ hours\.$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "dashboard with many bands and a form error");

  for (let i = 0; i < 30; i++) expect(await mutate("invite.create", { bandId: bands[0], email: `cap${i}@example.test` }), `invite ${i + 1}`).toBe(200);
  await page.goto(`/bands/${bands[0]}/invites`);
  await page.getByLabel("Email address").fill("cap30@example.test");
  await page.getByRole("button", { name: "Send invite" }).click();
  // The refusal first: checked before it, the page might still be the one from before the click.
  await expect(page.getByRole("alert").filter({ hasText: /^This band has sent 30 invites in the last hour\. Try again in \d+ minutes\.$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "invites page as owner");
});
