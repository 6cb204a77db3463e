import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import type { CapturedMail } from "./mail-capture";
import { e2eAppLog, e2eDataDir, e2eMailDir } from "./paths";

/** Reads the capture server's mailbox until a mail to `to` (matching `subject`) arrives. */
export async function waitForMail(to: string, subject: RegExp, { after = 0, timeoutMs = 15_000 } = {}): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  const address = to.toLowerCase();
  while (Date.now() < deadline) {
    const files = fs.existsSync(e2eMailDir) ? fs.readdirSync(e2eMailDir).sort().reverse() : [];
    for (const file of files) {
      const mail = JSON.parse(fs.readFileSync(path.join(e2eMailDir, file), "utf8")) as CapturedMail;
      if (Date.parse(mail.receivedAt) >= after && mail.to.includes(address) && subject.test(mail.subject)) return mail;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`No mail to ${to} matching ${subject} within ${timeoutMs} ms`);
}

export function firstLink(mail: CapturedMail, pattern: RegExp): string {
  const link = (mail.text.match(/https?:\/\/\S+/g) ?? []).find((l) => pattern.test(l));
  if (!link) throw new Error(`No link matching ${pattern} in mail "${mail.subject}"`);
  return link;
}

/** Signs in through the UI by following the magic link from the captured email. */
export async function signInByEmail(page: Page, email: string, { callbackPath }: { callbackPath?: string } = {}) {
  const requestedAt = Date.now() - 1000;
  await page.goto(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: /email me a sign-in link/i }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, /sign-in link/i, { after: requestedAt });
  await page.goto(firstLink(mail, /\/api\/auth\/callback\/email/));
}

/** Creates a band from the home page's form; returns its id. */
export async function createBand(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Band name").fill(name);
  await page.getByRole("button", { name: "Create band" }).click();
  await expect(page).toHaveURL(/\/bands\/[^/]+$/);
  return page.url().split("/bands/")[1]!;
}

/**
 * The running app's database, for the rare test that must change what a
 * browser cannot (e.g. put an invite past its expiry): the embedded database
 * writes its URL next to its data; E2E_DATABASE_URL when the app runs on PostgreSQL.
 */
export function appDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  return fs.readFileSync(path.join(e2eDataDir, "pglite.url"), "utf8").trim();
}

let counter = 0;
/** A unique address per test, so tests never share users. */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${(counter++).toString(36)}@example.test`;
}

/** Reports every Content-Security-Policy violation in a context's pages as a console line we can collect. */
async function watchForCspViolations(context: BrowserContext, violations: string[]) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`[csp-violation] ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || location.href}:${e.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    // Only the app's own documents report here; a page that frames the app
    // (the clickjacking test) sees its refusal as a plain console message.
    if (text.startsWith("[csp-violation]")) violations.push(`${message.page()?.url() ?? "?"}: ${text}`);
  });
}

export const test = base.extend<{ screenshotDir: string; failOnCspViolations: void; serverLogOnFailure: void }>({
  screenshotDir: async ({}, use) => {
    const dir = path.resolve("test-results/screenshots");
    fs.mkdirSync(dir, { recursive: true });
    await use(dir);
  },
  // Every test, on every page it opens (in its own context or in contexts it
  // creates for other band members), fails on any CSP violation: the policy
  // must be one the production build really works under.
  failOnCspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchForCspViolations(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const created = await newContext(options);
        await watchForCspViolations(created, violations);
        return created;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  // The app logs to a file only; a test that fails prints what the server warned of
  // while it ran (and attaches the whole of it), so the failure comes with its cause.
  serverLogOnFailure: [
    async ({}, use, testInfo) => {
      const from = fs.existsSync(e2eAppLog) ? fs.statSync(e2eAppLog).size : 0;
      await use();
      if (testInfo.status === testInfo.expectedStatus || !fs.existsSync(e2eAppLog)) return;
      const written = readFrom(e2eAppLog, from);
      const warnings = serverWarnings(written);
      if (warnings.length) console.log(`server log while "${testInfo.title}" ran (warnings and errors):\n${warnings.join("\n")}`);
      await testInfo.attach("server log", { body: written, contentType: "text/plain" });
    },
    { auto: true },
  ],
});

function readFrom(file: string, offset: number): string {
  const handle = fs.openSync(file, "r");
  try {
    const length = Math.max(0, fs.fstatSync(handle).size - offset);
    const buffer = Buffer.alloc(length);
    fs.readSync(handle, buffer, 0, length, offset);
    return buffer.toString("utf8");
  } finally {
    fs.closeSync(handle);
  }
}

/** The log's lines at warn and above (and any line that is not the logger's JSON, such as a crash), the last 40. */
export function serverWarnings(log: string): string[] {
  const quiet = new Set(["trace", "debug", "info"]);
  return log
    .split("\n")
    .filter((line) => {
      if (!line.trim()) return false;
      try {
        return !quiet.has((JSON.parse(line) as { level?: string }).level ?? "");
      } catch {
        return true;
      }
    })
    .slice(-40);
}

export { expect };
