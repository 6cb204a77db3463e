import type { Browser, Page } from "@playwright/test";
import { expect, signInByEmail, uniqueEmail } from "./fixtures";

type Answer<T> = { status: number; body: { result?: { data: { json: T } }; error?: { json: { data: { code: string; reason: string | null } } } } };

/** Calls a tRPC procedure over HTTP as the page's signed-in user: queries over GET, mutations over POST. */
export async function callProcedure<T = unknown>(page: Page, path: string, input: unknown): Promise<Answer<T>> {
  const isQuery = /\.(get|list|unread)$/.test(path);
  const response = isQuery
    ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
    : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  return { status: response.status(), body: (await response.json()) as Answer<T>["body"] };
}

/** A procedure's result, failing the test (with the answer) unless it succeeds. */
export async function procedure<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const answer = await callProcedure<T>(page, path, input);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body.result!.data.json;
}

/** Another person, signed in through the emailed link in a browser context of their own. */
export async function signedInPage(browser: Browser, name: string, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const email = uniqueEmail(name);
  await signInByEmail(page, email);
  await expect(page.getByRole("heading", { name: "Your bands" })).toBeVisible();
  return { page, email, context };
}
