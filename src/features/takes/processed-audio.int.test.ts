import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { processTake } from "@/server/media/process-take";
import { mediaTools } from "@/server/media/tools";
import { getStorage } from "@/server/storage";
import { makeAudioFile } from "@/test/audio-files";
import { createBandWith, createUser } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { sessionCookies } from "@/test/session-cookie";
import { createTake } from "@/test/takes";
import { handleTakeAudio, type TakeAudioPurpose } from "./take-audio.handler";

/**
 * What the audio routes answer before and after processing: the peaks route
 * 404s until there are peaks, then serves the JSON privately with validators;
 * the stream switches to the rendition (its own type and exact length); the
 * download stays the untouched original.
 */
const t = databaseWithStorage("rehearsalhub-processed-");
const cookieOf = sessionCookies(() => t.db);
let server: LocalServer;
let origin: string;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-processed-files-"));
  server = await serveLocally((req, res) => {
    const [, versionId = "", purpose = "stream", query = ""] = /^\/api\/versions\/([^/?]+)\/(stream|download|peaks)(\?.*)?$/.exec(req.url ?? "") ?? [];
    const original = new URLSearchParams(query).get("source") === "original";
    void handleTakeAudio(req, res, { versionId, purpose: purpose as TakeAudioPurpose, original }, { db: t.db, storage: getStorage(), offload: undefined });
  });
  origin = server.origin;
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("peaks 404 until processed; then stream = rendition, download = original, peaks = JSON", async () => {
  const { band, owner } = await createBandWith(t.db);
  const outsider = await createUser(t.db, "outsider");
  const song = await t.db.song.create({ data: { bandId: band.id, title: "Processed" } });
  const original = fs.readFileSync(makeAudioFile(dir, "flac", 2));
  const take = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id, bytes: original, contentType: "audio/flac" });
  const cookie = await cookieOf(owner);
  const get = (route: string, c = cookie) => fetch(`${origin}/api/versions/${take.id}/${route}`, { headers: { cookie: c } });

  expect((await get("peaks")).status).toBe(404);
  const before = await get("stream");
  expect(before.headers.get("content-type")).toBe("audio/flac");
  await before.arrayBuffer();

  await processTake(take.id, { db: t.db, storage: getStorage(), tools: mediaTools() });
  const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });

  const peaks = await get("peaks");
  expect(peaks.status).toBe(200);
  expect(peaks.headers.get("content-type")).toBe("application/json");
  expect(peaks.headers.get("cache-control")).toMatch(/^private/);
  const etag = peaks.headers.get("etag");
  expect(etag).toBeTruthy();
  expect(await peaks.json()).toMatchObject({ version: 2, bits: 8, channels: 1 });
  const again = await fetch(`${origin}/api/versions/${take.id}/peaks`, { headers: { cookie, "if-none-match": etag! } });
  expect(again.status).toBe(304);
  expect((await get("peaks", await cookieOf(outsider))).status).toBe(403);
  expect((await fetch(`${origin}/api/versions/${take.id}/peaks`)).status).toBe(401);

  const stream = await get("stream");
  expect(stream.headers.get("content-type")).toBe("audio/mp4");
  expect(Number(stream.headers.get("content-length"))).toBe(Number(row.renditionSizeBytes));
  expect((await stream.arrayBuffer()).byteLength).toBe(Number(row.renditionSizeBytes));
  const probe = await fetch(`${origin}/api/versions/${take.id}/stream`, { headers: { cookie, range: "bytes=0-1" } });
  expect(probe.status).toBe(206);
  expect(probe.headers.get("content-length")).toBe("2");
  await probe.arrayBuffer();

  // A player that started on the original keeps it.
  const pinned = await get("stream?source=original");
  expect(pinned.headers.get("content-type")).toBe("audio/flac");
  expect(Buffer.from(await pinned.arrayBuffer()).equals(original)).toBe(true);

  const download = await get("download");
  expect(download.headers.get("content-type")).toBe("audio/flac");
  expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);
});
