import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import { sessionCookieName } from "@/server/auth/session-reader";
import { captureLogs } from "@/server/log";
import { createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { TRPC_MAX_BATCH_SIZE } from "@/trpc/request-limits";

/**
 * The guards every API route gets from apiRoute(), checked through the real
 * route modules (the tRPC endpoint and the upload route) on a real database:
 * cross-site refusal, batch and body caps, security headers, one access line.
 */
const APP = "http://app.test";
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let cookie: string;
let userId: string;
let logs: ReturnType<typeof captureLogs>;
let trpcRoute: typeof import("@/app/api/trpc/[trpc]/route");
let uploadRoute: typeof import("@/app/api/bands/[bandId]/songs/[songId]/versions/route");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.APP_URL = APP;
  process.env.DATABASE_URL = t.url;
  resetEnvForTests();
  (globalThis as { rehearsalHubDb?: unknown }).rehearsalHubDb = t.db;
  const user = await createUser(t.db, "guarded");
  userId = user.id;
  await t.db.session.create({ data: { sessionToken: "guard-session-token", userId, expires: new Date(Date.now() + 3_600_000) } });
  cookie = `${sessionCookieName(APP)}=guard-session-token`;
  logs = captureLogs();
  trpcRoute = await import("@/app/api/trpc/[trpc]/route");
  uploadRoute = await import("@/app/api/bands/[bandId]/songs/[songId]/versions/route");
});
afterAll(async () => {
  logs?.restore();
  delete (globalThis as { rehearsalHubDb?: unknown }).rehearsalHubDb;
  await t?.close();
});

const bandsOfUser = () => t.db.bandMember.count({ where: { userId } });

function createBand(headers: Record<string, string> = {}, name = "Guarded band") {
  return trpcRoute.POST(
    new Request(`${APP}/api/trpc/band.create`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: JSON.stringify({ json: { name } }),
    }),
  );
}

describe("cross-site state-changing requests", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a look-alike host", { origin: "http://app.test.evil.example" }],
    ["another port", { origin: "http://app.test:8080" }],
    ["Origin: null", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
  ])("a tRPC mutation with %s gets 403 and changes nothing", async (_name, headers) => {
    const before = await bandsOfUser();
    const response = await createBand(headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN", reason: "CROSS_SITE_REQUEST" } });
    expect(await bandsOfUser()).toBe(before);
  });

  it("a cross-site multipart upload (a simple request, no preflight) gets 403 and stores nothing", async () => {
    const { band, owner } = await createBandWith(t.db);
    await t.db.bandMember.create({ data: { bandId: band.id, userId, role: "MEMBER" } });
    const song = await t.db.song.create({ data: { bandId: band.id, title: "Target", createdById: owner.id } });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(makeWav({ seconds: 1, sampleRate: 8000, channels: 1 }))], { type: "audio/wav" }), "x.wav");
    const request = (headers: Record<string, string>) =>
      new Request(`${APP}/api/bands/${band.id}/songs/${song.id}/versions`, { method: "POST", headers: { cookie, ...headers }, body: form });
    const params = { params: Promise.resolve({ bandId: band.id, songId: song.id }) };

    const refused = await uploadRoute.POST(request({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), params);
    expect(refused.status).toBe(403);
    expect(await t.db.version.count({ where: { songId: song.id } })).toBe(0);

    const accepted = await uploadRoute.POST(request({ origin: APP, "sec-fetch-site": "same-origin" }), params);
    expect(accepted.status).toBe(201);
    expect(await t.db.version.count({ where: { songId: song.id } })).toBe(1);
  });

  it("the app's own pages (same origin) and non-browser clients (neither header) get through", async () => {
    const before = await bandsOfUser();
    expect((await createBand({ origin: APP, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await createBand({})).status).toBe(200);
    expect(await bandsOfUser()).toBe(before + 2);
  });

  it("reads are not refused (a link from another site may open the app)", async () => {
    const response = await trpcRoute.GET(
      new Request(`${APP}/api/trpc/band.list`, { headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" } }),
    );
    expect(response.status).toBe(200);
  });
});

describe("request size limits", () => {
  it(`runs no call of a batch larger than ${TRPC_MAX_BATCH_SIZE}`, async () => {
    const before = await bandsOfUser();
    const n = 150;
    const paths = Array.from({ length: n }, () => "band.create").join(",");
    const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { name: `Batch ${i}` } }]));
    const response = await trpcRoute.POST(
      new Request(`${APP}/api/trpc/${paths}?batch=1`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(inputs) }),
    );
    expect(response.status).toBe(400);
    expect(await bandsOfUser()).toBe(before);
  });

  it("runs a batch of the client's own size", async () => {
    const before = await bandsOfUser();
    const paths = Array.from({ length: TRPC_MAX_BATCH_SIZE }, () => "band.list").join(",");
    const inputs = Object.fromEntries(Array.from({ length: TRPC_MAX_BATCH_SIZE }, (_, i) => [i, { json: null }]));
    const response = await trpcRoute.GET(new Request(`${APP}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(await bandsOfUser()).toBe(before);
  });

  it("refuses a 20 MB body with 413 from its Content-Length, before parsing, as a tRPC error", async () => {
    const body = JSON.stringify({ json: { name: "x".repeat(20 * 1024 * 1024) } });
    const response = await trpcRoute.POST(
      new Request(`${APP}/api/trpc/band.create`, { method: "POST", headers: { "content-type": "application/json", cookie, "content-length": String(body.length) }, body }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { json: { data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } } });
  });

  it("refuses an oversized body sent without a Content-Length (chunked) with 413 too", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new TextEncoder().encode('{"json":{"name":"'));
        else if (sent < 40) controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        else controller.close();
      },
    });
    const response = await trpcRoute.POST(
      new Request(`${APP}/api/trpc/band.create`, { method: "POST", headers: { "content-type": "application/json", cookie }, body, duplex: "half" } as RequestInit),
    );
    expect(response.status).toBe(413);
  });
});

describe("every API answer", () => {
  it("carries the security headers and a request id, and writes one access line with that id and no secrets", async () => {
    logs.lines.length = 0;
    const response = await trpcRoute.GET(new Request(`${APP}/api/trpc/band.list?input=${encodeURIComponent('{"json":null}')}`, { headers: { cookie } }));
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'.*frame-ancestors 'none'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("permissions-policy")).toContain("microphone=(self)");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const access = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "request");
    expect(access).toEqual([expect.objectContaining({ reqId: requestId, method: "GET", path: "/api/trpc/band.list", status: 200 })]);
    for (const line of logs.lines) {
      expect(line).not.toContain("guard-session-token");
      expect(line).not.toContain("input=");
    }
  });

  it("is never kept by a cache: Cache-Control: private, no-store on answers and on errors", async () => {
    const query = (path: string, input: unknown) => `${APP}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const answers = {
      "a signed-in query": await trpcRoute.GET(new Request(query("band.list", null), { headers: { cookie } })),
      "a signed-out query (401)": await trpcRoute.GET(new Request(query("band.list", null))),
      "bad input (400)": await trpcRoute.GET(new Request(query("band.get", { bandId: "not an id" }), { headers: { cookie } })),
      "an unknown procedure (404)": await trpcRoute.GET(new Request(query("band.nope", null), { headers: { cookie } })),
      "a refused upload (401)": await uploadRoute.POST(new Request(`${APP}/api/bands/b1/songs/s1/versions`, { method: "POST" }), {
        params: Promise.resolve({ bandId: "b1", songId: "s1" }),
      }),
    };
    expect(answers["a signed-in query"].status).toBe(200);
    expect(answers["bad input (400)"].status).toBe(400);
    for (const [what, response] of Object.entries(answers)) expect(response.headers.get("cache-control"), what).toBe("private, no-store");
  });

  it("keeps an upstream request id that looks like one, and replaces one that does not", async () => {
    const kept = await trpcRoute.GET(new Request(`${APP}/api/trpc/band.list`, { headers: { cookie, "x-request-id": "nginx-0123456789abcdef" } }));
    expect(kept.headers.get("x-request-id")).toBe("nginx-0123456789abcdef");
    const replaced = await trpcRoute.GET(new Request(`${APP}/api/trpc/band.list`, { headers: { cookie, "x-request-id": "bad id\twith tab" } }));
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
