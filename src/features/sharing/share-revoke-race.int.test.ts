import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTakeAudio, type TakeAudioDeps } from "@/features/takes/take-audio.handler";
import { getStorage } from "@/server/storage";
import { createSong, seedTake, useTempStorage } from "@/test/audio-test-kit";
import { callerFor, createBandWith } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { raceLabel } from "@/test/race";
import { createTestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { linkAccess } from "./share-audio.route";

/**
 * Revoking a link while a guest's player is busy with range requests: every
 * request that starts after the revoke has returned is refused, whatever is
 * still in flight, because each request reads the link from the database.
 * On PostgreSQL (TEST_DATABASE_URL) the requests and the revoke really run
 * side by side; on PGlite one statement runs at a time (src/test/race.ts).
 */
const PARALLEL = 20;
const ROUNDS = 3;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let server: LocalServer;
const audio = makeWav({ seconds: 3, sampleRate: 22_050, channels: 1 });

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  server = await serveLocally((req, res) => {
    const [, token = "", versionId = ""] = /^\/api\/s\/([^/]+)\/versions\/([^/]+)\/stream$/.exec(req.url ?? "") ?? [];
    const deps: TakeAudioDeps = { db: t.db, storage: getStorage(), offload: undefined };
    void handleTakeAudio(req, res, { versionId, purpose: "stream", access: linkAccess(t.db, token) }, deps);
  });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  storage?.cleanup();
});

describe("revoking while a guest streams", () => {
  it(`refuses every range request that starts after the revoke ${raceLabel}`, async () => {
    const { band, owner } = await createBandWith(t.db);
    const song = await createSong(t.db, band.id);
    const { version } = await seedTake(t.db, { bandId: band.id, songId: song.id, uploader: owner, bytes: audio });
    for (let round = 0; round < ROUNDS; round++) {
      const { id, url } = await callerFor(t.db, owner).share.create({ bandId: band.id, versionId: version.id });
      const token = url.split("/s/")[1]!;
      let revokedAt = Infinity;
      const request = async (i: number) => {
        await new Promise((r) => setTimeout(r, i * 3));
        const startedAt = performance.now();
        const start = (i * 4096) % (audio.length - 8192);
        const response = await fetch(`${server.origin}/api/s/${token}/versions/${version.id}/stream`, { headers: { range: `bytes=${start}-${start + 8191}` } });
        const bytes = Buffer.from(await response.arrayBuffer());
        return { startedAt, status: response.status, bytes: response.status === 206 ? bytes.length : 0 };
      };
      // Twenty range requests in flight, the revoke among them, and twenty more after it.
      const during = Array.from({ length: PARALLEL }, (_, i) => request(i));
      await new Promise((r) => setTimeout(r, 20));
      await callerFor(t.db, owner).share.revoke({ bandId: band.id, shareId: id });
      revokedAt = performance.now();
      const after = Array.from({ length: PARALLEL }, (_, i) => request(i));
      const results = [...(await Promise.all(during)), ...(await Promise.all(after))];
      const late = results.filter((r) => r.startedAt > revokedAt);
      expect(late.length).toBeGreaterThanOrEqual(PARALLEL);
      expect(late.map((r) => r.status)).toEqual(late.map(() => 404));
      expect(late.reduce((sum, r) => sum + r.bytes, 0)).toBe(0);
      // Those that began before it were answered (bytes or a refusal), never with an error.
      for (const r of results) expect([206, 404]).toContain(r.status);
    }
  });
});
