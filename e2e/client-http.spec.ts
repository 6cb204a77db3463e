import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, signInByEmail, test, uniqueEmail } from "./support/fixtures";
import { e2eRoot } from "./support/paths";
import { createScratchDatabase, startServedInstance, type ServedInstance } from "./support/served-instance";

/**
 * Over real sockets, against the app as `npm start` serves it: who a client is
 * for the per-client limits, and what caches may keep of an API answer.
 */

const base = Number(process.env.E2E_PORT ?? 3100);
const dir = path.join(e2eRoot, "client-http");

/** POST /api/auth/signin/email as a plain HTML form would (csrf cookie + token); where it redirects to. */
async function askForLink(request: APIRequestContext, email: string, headers: Record<string, string>): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/" }, headers, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"] ?? "";
}

const SENT = /\/api\/auth\/verify-request/;
const CAPPED = /\/signin\?error=TooManyFromClient&retryMinutes=\d+$/;

test.describe("the per-client sign-in cap", () => {
  test.describe.configure({ mode: "serial" });

  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let direct: ServedInstance;
  let proxied: ServedInstance;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    db = await createScratchDatabase("rehearsalhub_client_e2e");
    const shared = { DATABASE_URL: db.url, SIGNIN_LIMIT_PER_IP: "3", WORKER: "off" };
    // One after the other: the first applies the migrations.
    direct = await startServedInstance({ port: base + 40, dataDir: path.join(dir, "direct"), env: { ...shared, APP_URL: `http://127.0.0.1:${base + 40}` } });
    proxied = await startServedInstance({ port: base + 41, dataDir: path.join(dir, "proxied"), env: { ...shared, APP_URL: `http://127.0.0.1:${base + 41}`, TRUST_PROXY: "true" } });
  });

  test.afterAll(async () => {
    await Promise.all([direct?.stop(), proxied?.stop()]);
    await db?.drop();
  });

  test("served directly, a client that forges a new X-Forwarded-For (and X-Real-IP, Forwarded) on every request is still one client", async () => {
    const request = await playwrightRequest.newContext({ baseURL: direct.origin });
    try {
      const answers: string[] = [];
      for (let i = 1; i <= 5; i++) {
        answers.push(
          await askForLink(request, uniqueEmail(`spray${i}`), {
            "X-Forwarded-For": `198.51.100.${i}`,
            "X-Real-IP": `198.51.100.${i}`,
            Forwarded: `for=198.51.100.${i}`,
          }),
        );
      }
      expect(answers.slice(0, 3)).toEqual([expect.stringMatching(SENT), expect.stringMatching(SENT), expect.stringMatching(SENT)]);
      expect(answers.slice(3)).toEqual([expect.stringMatching(CAPPED), expect.stringMatching(CAPPED)]);
      // The page says which cap was hit: these addresses were never used, so "this address" would be wrong.
      const refusal = await (await request.get(answers[3]!)).text();
      expect(refusal).toContain("Too many sign-in links were asked for from this device or network");
      expect(refusal).not.toContain("sent to this address");
    } finally {
      await request.dispose();
    }
  });

  test("with TRUST_PROXY=true the right-most X-Forwarded-For entry (what the proxy saw) is the client; entries left of it are not", async () => {
    const request = await playwrightRequest.newContext({ baseURL: proxied.origin });
    try {
      for (let i = 1; i <= 3; i++) {
        expect(await askForLink(request, uniqueEmail(`behind${i}`), { "X-Forwarded-For": `198.51.100.${i}, 203.0.113.77` })).toMatch(SENT);
      }
      expect(await askForLink(request, uniqueEmail("behind4"), { "X-Forwarded-For": "198.51.100.4, 203.0.113.77" })).toMatch(CAPPED);
      // Another client behind the same proxy has its own budget.
      expect(await askForLink(request, uniqueEmail("other"), { "X-Forwarded-For": "203.0.113.78" })).toMatch(SENT);
    } finally {
      await request.dispose();
    }
  });
});

test.describe("API answers are never kept by a cache", () => {
  const query = (path: string, input: unknown) => `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

  test("a signed-in tRPC query, its error answers, and a signed-out one carry Cache-Control: private, no-store", async ({ page, request }) => {
    await signInByEmail(page, uniqueEmail("cache"));
    await expect(page.getByLabel("Band name")).toBeVisible();
    const answers = {
      "band.list (200)": await page.request.get(query("band.list", null)),
      "band.get of an unknown band (403/404)": await page.request.get(query("band.get", { bandId: "cl0000000000000000000000" })),
      "band.get with a bad id (400)": await page.request.get(query("band.get", { bandId: "not an id" })),
      "an unknown procedure (404)": await page.request.get(query("band.nope", null)),
    };
    expect(answers["band.list (200)"].status()).toBe(200);
    expect(answers["band.get with a bad id (400)"].status()).toBe(400);
    for (const [what, response] of Object.entries(answers)) expect(response.headers()["cache-control"], what).toBe("private, no-store");
    const signedOut = await request.get(query("profile.get", null));
    expect(signedOut.status()).toBe(401);
    expect(signedOut.headers()["cache-control"]).toBe("private, no-store");
  });

  test("the session and sign-in routes carry it too", async ({ request }) => {
    for (const url of ["/api/auth/session", "/api/auth/csrf"]) {
      const response = await request.get(url);
      expect(response.headers()["cache-control"], url).toMatch(/no-store/);
    }
  });
});

test("input tRPC cannot decode is a 400 with a readable message over the wire, never a 500 or the decoder's words", async ({ request }) => {
  for (const input of ['{"json":{"bandId":"abc"},"meta":{"values":{"bandId":["custom","Decimal"]}}}', '{"json":{"bandId":"abc"},"meta":{"values":["custom","x"]}}', '{"json":{"bandId":']) {
    const response = await request.get(`/api/trpc/invite.preview?input=${encodeURIComponent(input)}`);
    expect(response.status(), input).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code, input).toBe("BAD_REQUEST");
    expect(body.error.json.message, input).toMatch(/^This request's input could not be read/);
    expect(response.headers()["cache-control"]).toBe("private, no-store");
  }
});
