import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import type { SessionUser } from "@/server/auth/session";
import { getStorage, resetStorageForTests } from "@/server/storage";
import { createBandWith, createUser } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import { sessionCookies } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { handleTakeAudio } from "./take-audio.handler";
import { createTake } from "@/test/takes";
import { createSong } from "@/test/audio-test-kit";

/**
 * AUDIO_OFFLOAD=presigned on STORAGE=s3 (s3rver): the same access check, then a
 * redirect to a short-lived URL the object store serves, ranges and all.
 */
let s3: TestS3Server;
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let take: { version: Awaited<ReturnType<typeof createTake>> };
let server: LocalServer;
let origin: string;
const audio = makeWav({ seconds: 1, sampleRate: 22_050, channels: 1 });
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startS3Server();
  Object.assign(process.env, s3.env, { AUDIO_OFFLOAD: "presigned" });
  resetEnvForTests();
  resetStorageForTests();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { member: true });
  const song = await createSong(t.db, setup.band.id, "Nachtfähre");
  take = { version: await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.member!.id, bytes: audio }) };
  server = await serveLocally((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, versionId = "", purpose] = /^\/api\/versions\/([^/]+)\/(stream|download)$/.exec(url.pathname) ?? [];
    // Tests inject the URL lifetime, as AUDIO_PRESIGNED_TTL_SECONDS would.
    const ttl = Number(url.searchParams.get("ttl") ?? 300);
    const offload = url.searchParams.get("offload") === "none" ? undefined : "presigned";
    void handleTakeAudio(req, res, { versionId, purpose: purpose === "download" ? "download" : "stream" }, { db: t.db, storage: getStorage(), offload, presignedTtlSeconds: ttl });
  });
  origin = server.origin;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  await s3?.close();
  process.env = { ...saved };
  resetEnvForTests();
  resetStorageForTests();
});

const cookieFor = sessionCookies(() => t.db);

async function ask(
  user: SessionUser | null,
  { route = "stream", method = "GET", ttl, query: extra = "", headers: more = {} }: { route?: string; method?: string; ttl?: number; query?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...more, ...(user ? { cookie: await cookieFor(user) } : {}) };
  const query = `?${ttl ? `ttl=${ttl}&` : ""}${extra}`;
  return fetch(`${origin}/api/versions/${take.version.id}/${route}${query}`, { method, headers, redirect: "manual" });
}

describe("AUDIO_OFFLOAD=presigned", () => {
  it("a member is redirected (never cached) and the object store answers bytes=0-1 with 206 and Content-Length", async () => {
    const redirect = await ask(setup.member!);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("cache-control")).toBe("private, no-store");
    const location = redirect.headers.get("location")!;
    expect(location.startsWith(`${s3.endpoint}/${s3.bucket}/${take.version.storageKey}?`)).toBe(true);
    expect(location).toContain("X-Amz-Expires=300");
    expect((await redirect.arrayBuffer()).byteLength).toBe(0);

    const probe = await fetch(location, { headers: { range: "bytes=0-1" } });
    expect(probe.status).toBe(206);
    expect(probe.headers.get("content-length")).toBe("2");
    expect(probe.headers.get("content-range")).toBe(`bytes 0-1/${audio.length}`);
    expect(probe.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await probe.arrayBuffer()).toString("ascii")).toBe("RI");

    const whole = await fetch(location);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(audio.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(audio)).toBe(true);
  });

  it("HEAD is redirected too (307 keeps the method)", async () => {
    const redirect = await ask(setup.owner, { method: "HEAD" });
    expect(redirect.status).toBe(307);
    const head = await fetch(redirect.headers.get("location")!, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(audio.length));
  });

  it("download: the object store answers with the attachment's safe name", async () => {
    const redirect = await ask(setup.member!, { route: "download" });
    expect(redirect.status).toBe(307);
    const file = await fetch(redirect.headers.get("location")!, { headers: { range: "bytes=0-1" } });
    expect(file.status).toBe(206);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="Nachtfahre - rehearsal.wav"; filename*=UTF-8''Nachtf%C3%A4hre%20-%20rehearsal.wav`);
  });

  it("a non-member or an anonymous caller never gets a URL", async () => {
    const stranger = await createUser(t.db, "stranger");
    for (const [user, status] of [[stranger, 403], [null, 401]] as const) {
      const refused = await ask(user);
      expect(refused.status).toBe(status);
      expect(refused.headers.get("location")).toBeNull();
      const body = await refused.text();
      expect(body).not.toContain("X-Amz");
      expect(body).not.toContain(s3.endpoint);
    }
  });

  it("a member removed from the band gets no new URL on the very next request", async () => {
    const bandmate = await createUser(t.db, "bandmate");
    await t.db.bandMember.create({ data: { bandId: setup.band.id, userId: bandmate.id, role: "MEMBER" } });
    expect((await ask(bandmate)).status).toBe(307);
    await t.db.bandMember.deleteMany({ where: { bandId: setup.band.id, userId: bandmate.id } });
    const after = await ask(bandmate);
    expect(after.status).toBe(403);
    expect(after.headers.get("location")).toBeNull();
  });

  it("the URL expires after its lifetime", async () => {
    const redirect = await ask(setup.member!, { ttl: 1 });
    const location = redirect.headers.get("location")!;
    expect(location).toContain("X-Amz-Expires=1");
    expect((await fetch(location, { headers: { range: "bytes=0-1" } })).status).toBe(206);
    // X-Amz-Date has whole seconds: past one second plus the rounding, the store refuses it.
    await new Promise((r) => setTimeout(r, 2_200));
    const expired = await fetch(location, { headers: { range: "bytes=0-1" } });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });
});

describe("STORAGE=s3 without offload: the app streams from the bucket", () => {
  it("ranges with Content-Length and the exact bytes, and the whole file", async () => {
    const probe = await ask(setup.member!, { query: "offload=none", headers: { range: "bytes=0-1" } });
    expect(probe.status).toBe(206);
    expect(probe.headers.get("content-length")).toBe("2");
    expect(probe.headers.get("content-range")).toBe(`bytes 0-1/${audio.length}`);
    expect(Buffer.from(await probe.arrayBuffer()).toString("ascii")).toBe("RI");
    const start = 1000;
    const end = audio.length - 7;
    const middle = await ask(setup.member!, { query: "offload=none", headers: { range: `bytes=${start}-${end}` } });
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer()).equals(audio.subarray(start, end + 1))).toBe(true);
    const whole = await ask(setup.member!, { query: "offload=none" });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(audio.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(audio)).toBe(true);
  });
});
