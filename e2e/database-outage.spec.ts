import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startTcpProxy, type TcpProxy } from "../src/test/tcp-proxy";
import { appDatabaseUrl, expect, test } from "./support/fixtures";
import { e2eDataDir, e2eRoot } from "./support/paths";

/**
 * The database goes away under the production build. A second instance of
 * the already-built app (`next start`, as `npm start` runs it) talks to the
 * e2e database only through a TCP proxy that this test cuts and restores, so
 * the shared app the other specs use is never disturbed. A signed-in visitor
 * must see the "temporarily unavailable" page (not the signed-out landing),
 * API calls must answer 503 with Retry-After, nothing may be written, and the
 * open page must come back by itself once the database does.
 */

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const origin = `http://localhost:${port}`;
let proxy: TcpProxy;
let app: ChildProcess;
let db: pg.Client;
let appLog = "";

async function waitForApp(deadline = Date.now() + 90_000) {
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}):\n${appLog}`);
    const up = await fetch(`${origin}/api/auth/csrf`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not start on ${origin}:\n${appLog}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const databaseUrl = appDatabaseUrl();
  const target = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  const dataDir = path.join(e2eRoot, "outage-app");
  fs.mkdirSync(dataDir, { recursive: true });
  app = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      DATABASE_URL: proxy.urlFor(databaseUrl),
      APP_URL: origin,
      NEXTAUTH_URL: origin,
      AUTH_SECRET: fs.readFileSync(path.join(e2eDataDir, "auth-secret"), "utf8").trim(),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk: Buffer) => (appLog += chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => (appLog += chunk.toString()));
  await waitForApp();
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app.once("exit", r));
    app.kill("SIGTERM");
    await exited;
  }
  await proxy?.close();
  await db?.end();
});

/** A user and a database session for them, made directly in the database, as a sign-in would. */
async function signedInUser() {
  const id = `outage${randomBytes(8).toString("hex")}`;
  const email = `${id}@example.test`;
  const token = randomBytes(32).toString("hex");
  await db.query(`INSERT INTO "User" ("id", "email", "emailVerified", "updatedAt") VALUES ($1, $2, now(), now())`, [id, email]);
  await db.query(`INSERT INTO "Session" ("id", "sessionToken", "userId", "expires") VALUES ($1, $2, $3, now() + interval '1 day')`, [`s${id}`, token, id]);
  return { id, email, cookie: { name: "next-auth.session-token", value: token, domain: "localhost", path: "/" } };
}

test("a database outage shows 'temporarily unavailable' (not signed out), answers 503 + Retry-After, writes nothing, and heals by itself", async ({ browser, screenshotDir }) => {
  test.setTimeout(120_000);
  const user = await signedInUser();
  const context = await browser.newContext({ baseURL: origin });
  await context.addCookies([user.cookie]);
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your bands" })).toBeVisible();

  await proxy.cut();
  try {
    // ---- pages: the unavailable page, neither the signed-out landing nor a sign-in button
    const response = await page.goto("/");
    await expect(page.getByTestId("service-unavailable")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
    await expect(page.getByRole("link", { name: /sign in/i })).toHaveCount(0);
    await page.screenshot({ path: path.join(screenshotDir, "database-outage.png") });
    // Next.js gives a server component no way to set the status: the page goes out as 200.
    console.log(`[outage] status of a page during the outage (layout): ${response?.status()}`);

    // A page whose own data load fails (error boundary, not the layout): same page.
    const anonymous = await browser.newContext({ baseURL: origin });
    const invitePage = await anonymous.newPage();
    const inviteResponse = await invitePage.goto(`/invite/${randomBytes(16).toString("hex")}`);
    await expect(invitePage.getByTestId("service-unavailable")).toBeVisible();
    console.log(`[outage] status of a page during the outage (error boundary): ${inviteResponse?.status()}`);
    await anonymous.close();

    // ---- API: 503 + Retry-After, a generic body
    const query = await page.request.get(`/api/trpc/band.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
    const mutation = await page.request.post(`/api/trpc/band.create`, { data: { json: { name: "Made during the outage" } } });
    const session = await page.request.get(`/api/auth/session`);
    for (const r of [query, mutation, session]) {
      const body = await r.text();
      expect(r.status(), `${r.url()}: ${body}`).toBe(503);
      expect(Number(r.headers()["retry-after"])).toBeGreaterThan(0);
      expect(body).toMatch(/temporarily unavailable/i);
      expect(body).not.toMatch(/prisma|ECONN|stack|127\.0\.0\.1|terminated|invocation/i);
    }
    expect(((await mutation.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("SERVICE_UNAVAILABLE");

    await page.goto("/");
    await expect(page.getByTestId("service-unavailable")).toBeVisible();
  } finally {
    await proxy.restore();
  }

  // ---- recovery: the open page retries by itself and shows the dashboard again, still signed in
  await expect(page.getByRole("heading", { name: "Your bands" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(user.email)).toBeVisible();
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "Band" WHERE "name" = $1`, ["Made during the outage"]);
  expect(rows[0].n).toBe(0);
  const session = await page.request.get(`/api/auth/session`);
  expect(session.status()).toBe(200);
  expect(await session.json()).toMatchObject({ user: { email: user.email } });
  const created = await page.request.post(`/api/trpc/band.create`, { data: { json: { name: "Made after the outage" } } });
  expect(created.status()).toBe(200);
  await context.close();
});
