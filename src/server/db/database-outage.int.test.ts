import { randomBytes } from "node:crypto";
import { getServerSession } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as uploadRoute from "@/app/api/bands/[bandId]/songs/[songId]/versions/route";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import { createSong, useTempStorage } from "@/test/audio-test-kit";
import type { PrismaClient } from "@/generated/prisma/client";
import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/service-unavailable";
import { getAuthOptions } from "@/server/auth/options";
import { sessionUserVia, type SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { createBandWith } from "@/test/callers";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { CONNECT_TIMEOUT_MS, createPrismaClient } from "./client";

/**
 * The database goes away under the running app: a TCP proxy between the app's
 * Prisma client and the database drops every connection and refuses new ones.
 * The real route modules (tRPC, upload) and next-auth's session lookup are
 * driven in-process. Every call must answer 503 with Retry-After and a
 * generic body, nothing may be written, and the same calls must work again
 * once the proxy forwards again: same process, same client, no restart.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */

let t: TestDatabase;
let proxy: TcpProxy;
let storage: ReturnType<typeof useTempStorage>;
let owner: SessionUser;
let bandId: string;
let songId: string;
let cookie: string;
let sessionToken: string;
const backend = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite";

/** Set by a test to cut the connection in the middle of band.create's transaction. */
let cutAfterBandInsert = false;

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  const target = new URL(t.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  // The app's own client (what getDb() returns), reaching the database only through the proxy.
  const appDb = createPrismaClient(proxy.urlFor(t.url)).$extends({
    query: {
      band: {
        async create({ args, query }) {
          const created = await query(args);
          if (cutAfterBandInsert) await proxy.cut();
          return created;
        },
      },
    },
  });
  (globalThis as { rehearsalHubDb?: unknown }).rehearsalHubDb = appDb;

  const setup = await createBandWith(t.db);
  owner = setup.owner;
  bandId = setup.band.id;
  songId = (await createSong(t.db, bandId)).id;
  sessionToken = randomBytes(32).toString("hex");
  await t.db.session.create({ data: { sessionToken, userId: owner.id, expires: new Date(Date.now() + 864e5) } });
  cookie = `next-auth.session-token=${sessionToken}`;
});

afterAll(async () => {
  await ((globalThis as { rehearsalHubDb?: PrismaClient }).rehearsalHubDb)?.$disconnect();
  await proxy?.close();
  await t?.close();
  storage?.cleanup();
});

const trpcGet = (path: string, input: unknown) =>
  trpcRoute.GET(new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } }));
const trpcPost = (path: string, input: unknown) =>
  trpcRoute.POST(new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ json: input }) }));
/** Two calls in one request, as the browser's batching link sends them. */
const trpcBatch = () =>
  trpcRoute.GET(
    new Request(`http://localhost/api/trpc/band.list,band.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: { bandId } } }))}`, { headers: { cookie } }),
  );

function upload() {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(makeWav({ seconds: 1, sampleRate: 8000, channels: 1 }))]), "outage.wav");
  const request = new Request(`http://localhost/api/bands/${bandId}/songs/${songId}/versions`, { method: "POST", body: form, headers: { cookie } });
  return uploadRoute.POST(request, { params: Promise.resolve({ bandId, songId }) });
}

/** next-auth's own session lookup (what pages use), for this request's cookie. */
const pageSession = () =>
  sessionUserVia(() =>
    getServerSession(
      { headers: { cookie }, cookies: { "next-auth.session-token": sessionToken } } as never,
      { getHeader() {}, setCookie() {}, setHeader() {} } as never,
      getAuthOptions(),
    ),
  );

/** Runs `during` with the database cut off, and always reconnects afterwards. */
async function duringOutage<T>(during: () => Promise<T>): Promise<T> {
  await proxy.cut();
  try {
    return await during();
  } finally {
    await proxy.restore();
  }
}

/** The body says "unavailable, retry", and nothing about the machinery behind it. */
async function expectUnavailable(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(text).toMatch(/temporarily unavailable/i);
  for (const leak of [/stack/i, /prisma/i, /\bpg\b/, /ECONN/, /127\.0\.0\.1/, String(proxy.port), /terminated/i, /at .*\.(ts|js):\d+/, /invocation/i]) {
    expect(text).not.toMatch(leak);
  }
  return text;
}

const bandNamed = (name: string) => t.db.band.count({ where: { name } });

describe(`database outage on ${backend}`, () => {
  it("works through the proxy while the database is up", async () => {
    expect((await trpcGet("band.list", null)).status).toBe(200);
    expect(await pageSession()).toMatchObject({ id: owner.id });
  });

  it("answers tRPC queries, batches and mutations with 503 + Retry-After, and writes nothing", async () => {
    await duringOutage(async () => {
      const query = await trpcGet("band.list", null);
      const body = JSON.parse(await expectUnavailable(query)) as { error: { json: { data: { code: string; httpStatus: number } } } };
      expect(body.error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });

      const batch = await trpcBatch();
      const batchBody = JSON.parse(await expectUnavailable(batch)) as { error: { json: { data: { code: string } } } }[];
      expect(batchBody.map((r) => r.error.json.data.code)).toEqual(["SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"]);

      await expectUnavailable(await trpcPost("band.create", { name: "Written during the outage" }));
    });
    expect(await bandNamed("Written during the outage")).toBe(0);
  });

  it("a transaction cut half-way (band row inserted, the rest not) is rolled back, and answers 503", async () => {
    cutAfterBandInsert = true;
    try {
      await expectUnavailable(await trpcPost("band.create", { name: "Cut mid-transaction" }));
    } finally {
      cutAfterBandInsert = false;
      await proxy.restore();
    }
    expect(await bandNamed("Cut mid-transaction")).toBe(0);
    expect(await t.db.bandActivity.count({ where: { type: "BAND_CREATED", actorId: owner.id } })).toBe(1); // only the fixture's
  });

  it("answers an upload with 503 + Retry-After, keeping no row and no file", async () => {
    const versionsBefore = await t.db.version.count();
    await duringOutage(async () => expectUnavailable(await upload()));
    expect(await t.db.version.count()).toBe(versionsBefore);
    expect(await storage.files()).toEqual([]);
  });

  it("the pages' session lookup reports the outage instead of 'signed out'", async () => {
    const outcome = await duringOutage(() =>
      pageSession().then(
        (user) => ({ user }),
        (error: unknown) => ({ error }),
      ),
    );
    expect(outcome).toHaveProperty("error");
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "SERVICE_UNAVAILABLE", digest: SERVICE_UNAVAILABLE_DIGEST });
  });

  it(`a database that stops answering (no refusal) is a 503 after the connect timeout, not a hung request`, async () => {
    await proxy.stall();
    const started = Date.now();
    try {
      await expectUnavailable(await trpcGet("band.list", null));
    } finally {
      await proxy.restore();
    }
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 5_000);
  }, CONNECT_TIMEOUT_MS * 3);

  it("recovers by itself once the database is back: same process, same client", async () => {
    const acceptedBefore = proxy.accepted;
    expect(await pageSession()).toMatchObject({ id: owner.id, email: owner.email });
    const list = await trpcGet("band.list", null);
    expect(list.status).toBe(200);
    const created = await trpcPost("band.create", { name: "After the outage" });
    expect(created.status).toBe(200);
    expect(await bandNamed("After the outage")).toBe(1);
    expect((await upload()).status).toBe(201);
    // The pool opened fresh connections through the proxy rather than reusing dead ones.
    expect(proxy.accepted).toBeGreaterThan(acceptedBefore);
  });
});
