import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import NextAuth from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import { readOutbox } from "@/server/mail/mailer";
import { createTestDatabase } from "@/test/test-database";
import { prepareAuthRequest } from "./auth-route";
import { buildAuthOptions, getAuthOptions } from "./options";

/**
 * Asking for a sign-in link, through next-auth's own request handler (its
 * Node API form, which needs no Next request scope), on a real database, with
 * mail written to the real outbox.
 */

const APP_URL = "https://rehearsal.example.test";
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rh-signin-"));
  Object.assign(process.env, { DATA_DIR: dataDir, APP_URL, NEXTAUTH_URL: APP_URL, DATABASE_URL: t.url, AUTH_SECRET: "sign-in-test-secret-0123456789abcdef" });
  delete process.env.SMTP_URL;
  resetEnvForTests();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  resetEnvForTests();
});
beforeEach(() => {
  fs.rmSync(path.join(dataDir, "outbox"), { recursive: true, force: true });
});

type Recorded = { status: number; headers: Record<string, string | string[]>; body: unknown };

/** next-auth's handler, called as a Node API route would call it. */
async function nextAuth(method: "GET" | "POST", action: string[], { body, cookies = {}, options = getAuthOptions() }: { body?: Record<string, unknown>; cookies?: Record<string, string>; options?: ReturnType<typeof getAuthOptions> } = {}): Promise<Recorded> {
  const recorded: Recorded = { status: 200, headers: {}, body: undefined };
  const res = {
    status(code: number) {
      recorded.status = code;
      return res;
    },
    setHeader(key: string, value: string | string[]) {
      recorded.headers[key.toLowerCase()] = value;
    },
    getHeader: (key: string) => recorded.headers[key.toLowerCase()],
    end() {},
    json(value: unknown) {
      recorded.body = value;
    },
    send(value: unknown) {
      recorded.body = value;
    },
  };
  const req = { method, query: { nextauth: action }, body, cookies, headers: { host: "rehearsal.example.test", "x-forwarded-proto": "https" } };
  await NextAuth(req as never, res as never, options);
  return recorded;
}

async function csrf(options?: ReturnType<typeof getAuthOptions>): Promise<{ token: string; cookies: Record<string, string> }> {
  const answer = await nextAuth("GET", ["csrf"], { options });
  const setCookie = ([] as string[]).concat(answer.headers["set-cookie"] ?? []);
  const cookie = setCookie.find((c) => c.includes("csrf-token="))!;
  const [name, value] = cookie.split(";")[0]!.split(/=(.*)/s) as [string, string];
  return { token: (answer.body as { csrfToken: string }).csrfToken, cookies: { [name]: decodeURIComponent(value) } };
}

/** POST /api/auth/signin/email as next-auth's client sends it; returns where next-auth would send the browser. */
async function askForLink(email: unknown, options?: ReturnType<typeof getAuthOptions>): Promise<URL> {
  const { token, cookies } = await csrf(options);
  const answer = await nextAuth("POST", ["signin", "email"], { body: { email, csrfToken: token, callbackUrl: "/", json: "true" }, cookies, options });
  expect(answer.status).toBe(200);
  return new URL((answer.body as { url: string }).url);
}

const sent = async () => (await readOutbox(1000)).filter((m) => m.subject === "Your RehearsalHub sign-in link");

describe("the sign-in address", () => {
  it("one plain address gets one link, sent to it lower-cased and trimmed", async () => {
    const where = await askForLink("  Drummer@Example.TEST ");
    expect(where.pathname).toBe("/api/auth/verify-request");
    const mails = await sent();
    expect(mails.map((m) => m.to)).toEqual(["drummer@example.test"]);
    expect(await t.db.verificationToken.count({ where: { identifier: "drummer@example.test" } })).toBe(1);
  });

  it.each([
    ["a comma list", "victim@example.test,attacker@example.test"],
    ["a semicolon list", "victim@example.test;attacker@example.test"],
    ["a display name", '"victim@example.test" <attacker@example.test>'],
    ["a name and angle brackets", "Victim <attacker@example.test>"],
    ["CR/LF", "victim@example.test\r\nBcc: attacker@example.test"],
    ["a NUL", "victim\u0000@example.test"],
    ["spaces inside", "victim @example.test"],
    ["no dot in the domain", "victim@localhost"],
    ["quotes", '"victim"@example.test'],
    ["a comment", "victim(x)@example.test"],
    ["an array", ["victim@example.test", "attacker@example.test"]],
    ["too long", `${"a".repeat(250)}@example.test`],
  ])("%s is refused with an error, and nothing is mailed or stored", async (_what, email) => {
    const where = await askForLink(email);
    expect(where.searchParams.get("error")).toBe("EmailSignin");
    expect(await sent()).toEqual([]);
    expect(await t.db.verificationToken.count()).toBe(1);
    expect(await t.db.user.count({ where: { email: { contains: "attacker" } } })).toBe(0);
  });
});

describe("sign-in mail limit", () => {
  it("sends at most 5 links per address per 15 minutes, the same whether or not an account exists", async () => {
    await t.db.user.create({ data: { email: "member@example.test", emailVerified: new Date() } });
    for (const address of ["member@example.test", "nobody@example.test"]) {
      for (let i = 0; i < 5; i++) {
        const where = await askForLink(i % 2 ? address.toUpperCase() : ` ${address}`);
        expect(where.pathname, `mail ${i + 1} to ${address}`).toBe("/api/auth/verify-request");
      }
      const sixth = await askForLink(address);
      expect(sixth.pathname).toBe("/signin");
      expect(sixth.searchParams.get("error")).toBe("TooManyEmails");
      expect(Number(sixth.searchParams.get("retryMinutes"))).toBeGreaterThanOrEqual(14);
      expect(Number(sixth.searchParams.get("retryMinutes"))).toBeLessThanOrEqual(15);
      expect((await sent()).filter((m) => m.to === address)).toHaveLength(5);
    }
    // The counter lives in the database, and after the window the address may ask again.
    await t.db.rateLimiterFlexible.updateMany({ where: { key: { endsWith: "member@example.test" } }, data: { expire: new Date(Date.now() - 1) } });
    expect((await askForLink("member@example.test")).pathname).toBe("/api/auth/verify-request");
    // Another address is not affected.
    expect((await askForLink("someone-else@example.test")).pathname).toBe("/api/auth/verify-request");
  });
});

describe("sign-in mail limit per client address", () => {
  it("caps one client at SIGNIN_LIMIT_PER_IP mails across addresses; other clients are not affected", async () => {
    process.env.SIGNIN_LIMIT_PER_IP = "3/15";
    resetEnvForTests();
    try {
      const fromOne = buildAuthOptions({ db: t.db, clientAddress: "203.0.113.7" });
      for (let i = 0; i < 3; i++) expect((await askForLink(`spray${i}@example.test`, fromOne)).pathname).toBe("/api/auth/verify-request");
      const refused = await askForLink("spray3@example.test", fromOne);
      // The address was never used: the refusal names the client's cap, not the address's.
      expect(refused.searchParams.get("error")).toBe("TooManyFromClient");
      expect(Number(refused.searchParams.get("retryMinutes"))).toBeGreaterThanOrEqual(14);
      expect((await sent()).map((m) => m.to).sort()).toEqual(["spray0@example.test", "spray1@example.test", "spray2@example.test"]);
      const fromAnother = buildAuthOptions({ db: t.db, clientAddress: "198.51.100.20" });
      expect((await askForLink("spray3@example.test", fromAnother)).pathname).toBe("/api/auth/verify-request");
    } finally {
      delete process.env.SIGNIN_LIMIT_PER_IP;
      resetEnvForTests();
    }
  });
});

describe("before next-auth sees the request (the /api/auth route)", () => {
  const post = (body: string, type = "application/x-www-form-urlencoded") =>
    prepareAuthRequest(new Request(`${APP_URL}/api/auth/signin/email`, { method: "POST", headers: { "content-type": type }, body }));

  it("answers a malformed address with error=InvalidEmail, as JSON for next-auth's client and as a redirect for a form", async () => {
    const json = (await post(new URLSearchParams({ email: "a@example.test,b@example.test", csrfToken: "x", json: "true" }).toString())) as Response;
    expect(json).toBeInstanceOf(Response);
    expect(await json.json()).toEqual({ url: `${APP_URL}/signin?error=InvalidEmail` });
    const form = (await post(new URLSearchParams({ email: "a\u0000@example.test", csrfToken: "x" }).toString())) as Response;
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe(`${APP_URL}/signin?error=InvalidEmail`);
    // A second email field would be dropped by next-auth's parser; here it is refused.
    expect(await post("email=a%40example.test&email=b%40example.test&csrfToken=x")).toBeInstanceOf(Response);
    expect(await post(JSON.stringify({ email: ["a@example.test"], csrfToken: "x" }), "application/json")).toBeInstanceOf(Response);
  });

  it("passes one plain address on untouched", async () => {
    const prepared = await post("email=a%40example.test&csrfToken=x&json=true");
    expect(prepared).not.toBeInstanceOf(Response);
    expect(await (prepared as Request).text()).toBe("email=a%40example.test&csrfToken=x&json=true");
  });

  it("replaces a foreign or unparsable callbackUrl by the app's home, keeps a same-origin one", async () => {
    for (const [given, expected] of [
      ["https://rehearsal.example.test:443.evil.example/", `${APP_URL}/`],
      ["https://rehearsal.example.test.evil.example/", `${APP_URL}/`],
      ["/bands/abc", `${APP_URL}/bands/abc`],
    ] as const) {
      const prepared = (await prepareAuthRequest(new Request(`${APP_URL}/api/auth/session?callbackUrl=${encodeURIComponent(given)}`))) as Request;
      expect(new URL(prepared.url).searchParams.get("callbackUrl")).toBe(expected);
    }
  });
});
