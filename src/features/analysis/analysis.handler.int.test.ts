import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { getStorage } from "@/server/storage";
import { createBandWith, createUser } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { sessionCookies } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { createSong, seedTake, useTempStorage } from "@/test/audio-test-kit";
import { handleTakeAudio } from "@/features/takes/take-audio.handler";
import { handleTakeAnalysis } from "./analysis.handler";
import { ANALYSIS_FORMAT_VERSION, musicAnalysisSchema, type MusicAnalysis } from "./analysis.schema";

/**
 * GET|HEAD /api/versions/[id]/analysis on a real HTTP server, beside the
 * take's stream: the same callers are refused the same way, and the analysis
 * is served only once it is READY.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let takeId: string;
let server: LocalServer;

const analysis: MusicAnalysis = {
  version: ANALYSIS_FORMAT_VERSION,
  bpm: 120,
  tempo: [{ t: 0.5, bpm: 120 }],
  beats: [0.5, 1, 1.5, 2],
  downbeats: [0.5],
  key: { tonic: "A", mode: "minor", label: "Am", confidence: 0.8 },
  chords: [{ start: 0.5, end: 2.5, label: "Am" }],
};

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { member: true });
  const song = await createSong(t.db, setup.band.id);
  takeId = (await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: makeWav({ seconds: 1, channels: 1 }) })).version.id;
  server = await serveLocally((req, res) => {
    const [, versionId = "", route] = /^\/api\/versions\/([^/]+)\/(stream|analysis)$/.exec(req.url ?? "") ?? [];
    const id = decodeURIComponent(versionId);
    if (route === "analysis") void handleTakeAnalysis(req, res, id, t.db);
    else void handleTakeAudio(req, res, { versionId: id, purpose: "stream" }, { db: t.db, storage: getStorage(), offload: undefined });
  });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  storage?.cleanup();
});

const cookieFor = sessionCookies(() => t.db);

async function get(route: "analysis" | "stream", user: SessionUser | null, { versionId = takeId, method = "GET", headers = {} as Record<string, string> } = {}) {
  const cookie: Record<string, string> = user ? { cookie: await cookieFor(user) } : {};
  return fetch(`${server.origin}/api/versions/${versionId}/${route}`, { method, headers: { ...headers, ...cookie } });
}

async function setAnalysis(state: "PENDING" | "RUNNING" | "READY" | "ABSENT", data: MusicAnalysis | null) {
  await t.db.takeAnalysis.upsert({
    where: { versionId: takeId },
    create: { versionId: takeId, bandId: setup.band.id, state, data: data ?? undefined },
    update: { state, data: data ?? undefined },
  });
}

describe("refused callers: exactly as the stream refuses them", () => {
  async function expectSameRefusal(user: SessionUser | null, versionId: string, status: number) {
    const [analysisAnswer, streamAnswer] = [await get("analysis", user, { versionId }), await get("stream", user, { versionId })];
    expect(analysisAnswer.status).toBe(status);
    expect(streamAnswer.status).toBe(status);
    expect(await analysisAnswer.json()).toEqual(await streamAnswer.json());
  }

  it("anonymous -> 401, for a real take and an unknown one", async () => {
    await setAnalysis("READY", analysis);
    await expectSameRefusal(null, takeId, 401);
    await expectSameRefusal(null, "does-not-exist", 401);
  });

  it("a signed-in stranger -> 403", async () => {
    await expectSameRefusal(await createUser(t.db, "stranger"), takeId, 403);
  });

  it("an unknown take -> 404", async () => {
    await expectSameRefusal(setup.member!, "does-not-exist", 404);
  });
});

describe("a member", () => {
  it("gets 404 until the analysis is READY", async () => {
    await t.db.takeAnalysis.deleteMany({ where: { versionId: takeId } });
    expect((await get("analysis", setup.member!)).status).toBe(404);
    for (const state of ["PENDING", "RUNNING", "ABSENT"] as const) {
      await setAnalysis(state, null);
      const answer = await get("analysis", setup.member!);
      expect(answer.status).toBe(404);
      expect((await answer.json()).error.code).toBe("NOT_FOUND");
    }
  });

  it("gets 200 with JSON the schema accepts once READY, HEAD the same headers without a body", async () => {
    await setAnalysis("READY", analysis);
    const answer = await get("analysis", setup.member!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.headers.get("cache-control")).toMatch(/private/);
    const body: unknown = await answer.json();
    expect(musicAnalysisSchema.parse(body)).toEqual(analysis);
    const head = await get("analysis", setup.member!, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(answer.headers.get("etag"));
    expect(await head.text()).toBe("");
  });

  it("gets 304 on If-None-Match with the current ETag, and 200 again once the analysis changes", async () => {
    await setAnalysis("READY", analysis);
    const etag = (await get("analysis", setup.member!)).headers.get("etag")!;
    const again = await get("analysis", setup.member!, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await setAnalysis("READY", { ...analysis, bpm: 121 });
    const changed = await get("analysis", setup.member!, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).bpm).toBe(121);
  });

  it("gets 404 for a READY row whose data the schema refuses (never a 500)", async () => {
    await t.db.takeAnalysis.update({ where: { versionId: takeId }, data: { data: { version: 99 } } });
    expect((await get("analysis", setup.member!)).status).toBe(404);
  });
});
