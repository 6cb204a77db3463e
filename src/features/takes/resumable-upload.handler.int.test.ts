import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { MemoryLocker } from "@tus/server";
import { Metadata } from "@tus/utils";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSong, useTempStorage } from "@/test/audio-test-kit";
import type { SessionUser } from "@/server/auth/session";
import { sessionUserFromRequest } from "@/server/auth/session-reader";
import { getStorage } from "@/server/storage";
import { createBandWith, createUser } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { sessionCookies } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-database";
import { makeWav, wavClaiming } from "@/test/wav";
import { makeVideoFile } from "@/test/video-files";
import { removeAbandonedUploads } from "./abandoned-uploads";
import { AudioSniffingFileStore } from "./audio-sniffing-file-store";
import { handleResumableUpload, type ResumableUploadDeps } from "./resumable-upload.handler";

/**
 * The tus endpoint over real HTTP: an in-process Node server hands each request
 * to the handler as the App Router route does (a web Request, the session
 * cookie looked up in the database), and clients talk to it over sockets, so a
 * dropped connection is a real one.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let songId: string;
let deps: ResumableUploadDeps;
let partialDir: string;
let server: LocalServer;
let origin: string;
const cookieFor = sessionCookies(() => t.db);
const MAX_BYTES = 2 * 1024 * 1024;
const wav = makeWav({ seconds: 10, sampleRate: 22_050, channels: 1 }); // 441,044 bytes
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { member: true, admin: true });
  songId = (await createSong(t.db, setup.band.id)).id;
  partialDir = path.join(storage.storageDir, "..", "partial-uploads");
  deps = { storage: getStorage(), store: new AudioSniffingFileStore({ directory: partialDir }), locker: new MemoryLocker(), maxUploadBytes: MAX_BYTES };
  server = await serveLocally((req, res) => void serve(req, res));
  origin = server.origin;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  storage?.cleanup();
});

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = req.method === "POST" || req.method === "PATCH";
  const request = new Request(`${origin}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: "half",
  } as RequestInit);
  const response = await handleResumableUpload(request, { db: t.db, user: await sessionUserFromRequest(t.db, request) }, deps);
  const body = Buffer.from(await response.arrayBuffer());
  if (res.destroyed) return;
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(req.method === "HEAD" ? undefined : body);
  // A refusal before the body was read: drain it, as a server in front of the app would, so the client reads the answer.
  if (!request.bodyUsed) req.resume();
}

/** One request on its own connection (a refusal may leave the rest of a body unread). */
async function call(user: SessionUser | null, method: string, url: string, { headers = {}, body }: { headers?: Record<string, string>; body?: Buffer } = {}) {
  const allHeaders: Record<string, string> = { "Tus-Resumable": "1.0.0", ...(user ? { cookie: await cookieFor(user) } : {}), ...headers };
  if (body) allHeaders["Content-Length"] = String(body.length);
  return new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const request = http.request(new URL(url, origin), { method, headers: allHeaders, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") answer.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers: answer, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

function metadata(values: Record<string, string>) {
  return Metadata.stringify({ bandId: setup.band.id, songId, filename: "rehearsal.wav", ...values });
}

async function create(user: SessionUser | null, length: number, values: Record<string, string> = {}) {
  return call(user, "POST", "/api/uploads", { headers: { "Upload-Length": String(length), "Upload-Metadata": metadata(values) } });
}

const patch = (user: SessionUser, url: string, offset: number, body: Buffer) =>
  call(user, "PATCH", url, { headers: { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }, body });

const offsetOf = async (user: SessionUser, url: string) => Number((await call(user, "HEAD", url)).headers.get("upload-offset"));

/**
 * A PATCH that sends `sent` of the `declared` bytes over a raw socket and then
 * drops the connection, as flaky Wi-Fi does.
 */
async function droppedPatch(user: SessionUser, url: string, offset: number, body: Buffer, sent: number) {
  const request = http.request(new URL(url, origin), {
    method: "PATCH",
    headers: {
      "Tus-Resumable": "1.0.0",
      cookie: await cookieFor(user),
      "Upload-Offset": String(offset),
      "Content-Type": "application/offset+octet-stream",
      "Content-Length": String(body.length),
    },
  });
  request.on("error", () => {});
  await new Promise<void>((resolve) => request.write(body.subarray(0, sent), () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 150));
  request.destroy();
}

/** HEAD until the server has let go of the dropped request (its lock) and reports a settled offset. */
async function settledOffset(user: SessionUser, url: string): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 50; i++) {
    const offset = await offsetOf(user, url);
    if (offset === previous) return offset;
    previous = offset;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return previous;
}

const partialFiles = async () => (fs.existsSync(partialDir) ? (await fsp.readdir(partialDir)).sort() : []);
/** Partial uploads' files, leaving out the records of finished ones. */
const unfinishedFiles = async () => (await partialFiles()).filter((name) => !name.endsWith(".done"));

describe("resumable uploads (tus)", () => {
  it("the route answers every method the handler serves, GET (a finished upload's take) included", async () => {
    const route = (await import("@/app/api/uploads/[[...id]]/route")) as Record<string, unknown>;
    for (const method of ["POST", "HEAD", "PATCH", "DELETE", "GET", "OPTIONS"]) expect(typeof route[method], method).toBe("function");
  });

  it("survives two dropped connections and creates the take from exactly the bytes sent", async () => {
    const user = setup.member!;
    const created = await create(user, wav.length, { title: "Full run" });
    expect(created.status).toBe(201);
    const url = created.headers.get("location")!;
    expect(url).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    // Same-origin only: tus's default "*" is not sent.
    expect(created.headers.get("access-control-allow-origin")).toBeNull();
    expect(await offsetOf(user, url)).toBe(0);

    // A first part in full.
    const first = await patch(user, url, 0, wav.subarray(0, 64 * 1024));
    expect(first.status).toBe(204);
    expect(first.headers.get("upload-offset")).toBe(String(64 * 1024));

    // Dropped twice mid-PATCH: each time HEAD tells where to go on from.
    let offset = 64 * 1024;
    for (const sent of [100 * 1024, 120 * 1024]) {
      await droppedPatch(user, url, offset, wav.subarray(offset), sent);
      const settled = await settledOffset(user, url);
      expect(settled).toBeGreaterThanOrEqual(offset);
      expect(settled).toBeLessThanOrEqual(offset + sent);
      offset = settled;
    }
    expect(await t.db.version.count({ where: { songId } })).toBe(0);

    // The rest in two parts; the last one answers with the new take.
    const middle = offset + Math.floor((wav.length - offset) / 2);
    expect((await patch(user, url, offset, wav.subarray(offset, middle))).status).toBe(204);
    const last = await patch(user, url, middle, wav.subarray(middle));
    expect(last.status).toBe(200);
    const take = JSON.parse(last.text) as { id: string; title: string; sizeBytes: number; durationSeconds: number };
    expect(take.title).toBe("Full run");
    expect(take.sizeBytes).toBe(wav.length);
    expect(take.durationSeconds).toBeCloseTo(10, 1);

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.uploaderId).toBe(user.id);
    const stored = await fsp.readFile(path.join(storage.storageDir, row.storageKey));
    expect(sha256(stored)).toBe(sha256(wav));
    // The partial bytes are gone once they became a take; what stays says which take.
    const id = url.split("/").pop()!;
    expect(await partialFiles()).toEqual([`${id}.done`]);

    // A client whose final answer was lost asks again: complete, and here is the take; no second one.
    const again = await call(user, "HEAD", url);
    expect(again.status).toBe(200);
    expect(again.headers.get("upload-offset")).toBe(String(wav.length));
    expect(again.headers.get("upload-length")).toBe(String(wav.length));
    const fetched = await call(user, "GET", url);
    expect(fetched.status).toBe(200);
    expect((JSON.parse(fetched.text) as { id: string }).id).toBe(take.id);
    expect((await patch(user, url, wav.length, Buffer.alloc(0))).status).toBe(409);
    expect((await call(setup.admin!, "HEAD", url)).status).toBe(403);
    expect((await call(setup.admin!, "GET", url)).status).toBe(403);
    expect(await t.db.version.count({ where: { songId } })).toBe(1);
    expect((await call(user, "DELETE", url)).status).toBe(204);
    expect((await call(user, "HEAD", url)).status).toBe(404);
    expect(await t.db.version.count({ where: { songId } })).toBe(1);
  });

  it("runs with tus-js-client itself, which reads the take from the final answer", async () => {
    const user = setup.member!;
    const cookie = await cookieFor(user);
    const take = await new Promise<{ id: string }>((resolve, reject) => {
      const upload = new tus.Upload(wav, {
        endpoint: `${origin}/api/uploads`,
        chunkSize: 100 * 1024,
        headers: { cookie },
        metadata: { bandId: setup.band.id, songId, filename: "client.wav", title: "From the client" },
        retryDelays: [],
        onError: reject,
        onSuccess: ({ lastResponse }) => resolve(JSON.parse(lastResponse.getBody()) as { id: string }),
      });
      upload.start();
    });
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.title).toBe("From the client");
    expect(row.originalName).toBe("client.wav");
    expect(sha256(await fsp.readFile(path.join(storage.storageDir, row.storageKey)))).toBe(sha256(wav));
  });

  it("takes a phone video (MP4, index at the end) in parts, kept as the video/mp4 it is, and refuses one with no sound (415)", async () => {
    const user = setup.member!;
    const videoDir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-tus-videos-"));
    const video = fs.readFileSync(makeVideoFile(videoDir, "mp4-h264-aac", { seconds: 2 }));
    const url = (await create(user, video.length, { filename: "IMG_0042.MP4" })).headers.get("location")!;
    expect((await patch(user, url, 0, video.subarray(0, 10_000))).status).toBe(204);
    const last = await patch(user, url, 10_000, video.subarray(10_000));
    expect(last.status).toBe(200);
    const take = JSON.parse(last.text) as { id: string; contentType: string; originalName: string; durationSeconds: number };
    expect(take).toMatchObject({ contentType: "video/mp4", originalName: "IMG_0042.MP4" });
    expect(take.durationSeconds).toBeCloseTo(2, 0);
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(sha256(await fsp.readFile(path.join(storage.storageDir, row.storageKey)))).toBe(sha256(video));

    const silent = fs.readFileSync(makeVideoFile(videoDir, "mov-h264-aac", { sound: false }));
    const takesBefore = await t.db.version.count();
    const silentUrl = (await create(user, silent.length, { filename: "silent.mov" })).headers.get("location")!;
    const refused = await patch(user, silentUrl, 0, silent);
    expect(refused.status).toBe(415);
    expect(JSON.parse(refused.text).error.message).toMatch(/^That video has no sound/);
    expect(await t.db.version.count()).toBe(takesBefore);
    expect(await unfinishedFiles()).toEqual([]);
    fs.rmSync(videoDir, { recursive: true, force: true });
  });

  it("the same file sent twice: the second take carries duplicateOf, naming the first", async () => {
    const user = setup.member!;
    const bytes = makeWav({ seconds: 1, sampleRate: 8_000, channels: 1, frequency: 880 });
    const send = async () => {
      const url = (await create(user, bytes.length, { filename: "twice.wav" })).headers.get("location")!;
      const last = await patch(user, url, 0, bytes);
      expect(last.status).toBe(200);
      return JSON.parse(last.text) as { id: string; number: number; duplicateOf: unknown };
    };
    const first = await send();
    const second = await send();
    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toEqual({ versionId: first.id, number: first.number, songId, songTitle: expect.any(String) });
  });

  it("keeps a non-ASCII file name exactly (base64 of its UTF-8 bytes in Upload-Metadata)", async () => {
    const name = "Tõnu – ü take.wav";
    const user = setup.member!;
    const ownSong = (await createSong(t.db, setup.band.id)).id;
    const header = Metadata.stringify({ bandId: setup.band.id, songId: ownSong, filename: name });
    expect(header).toContain(`filename ${Buffer.from(name, "utf8").toString("base64")}`);
    const created = await call(user, "POST", "/api/uploads", { headers: { "Upload-Length": String(wav.length), "Upload-Metadata": header } });
    expect(created.status).toBe(201);
    const last = await patch(user, created.headers.get("location")!, 0, wav);
    expect(last.status).toBe(200);
    const take = JSON.parse(last.text) as { id: string; originalName: string };
    expect(take.originalName).toBe(name);
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.originalName).toBe(name);
  });

  it("refuses a declared length over the limit at creation (413), and never takes more bytes than declared", async () => {
    const tooLarge = await create(setup.member!, MAX_BYTES + 1);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toMatch(/too large/);
    expect(await unfinishedFiles()).toEqual([]);

    const created = await create(setup.member!, 20_000);
    const url = created.headers.get("location")!;
    const over = await patch(setup.member!, url, 0, wav.subarray(0, 30_000));
    expect(over.status).toBe(413);
    expect(await offsetOf(setup.member!, url)).toBe(0);
    expect((await call(setup.member!, "DELETE", url)).status).toBe(204);
  });

  it("refuses bytes that are not audio as soon as they arrive (415) and removes the upload", async () => {
    const text = Buffer.alloc(300_000, "this is a text file, not a recording\n");
    const created = await create(setup.member!, text.length);
    const url = created.headers.get("location")!;
    const refused = await patch(setup.member!, url, 0, text.subarray(0, 20_000));
    expect(refused.status).toBe(415);
    expect(JSON.parse(refused.text).error.message).toMatch(/not audio/);
    expect(await unfinishedFiles()).toEqual([]);
    expect((await call(setup.member!, "HEAD", url)).status).toBe(404);
  });

  it("refuses a WAV whose header claims 65,535 channels or 10 Hz on its last PATCH (415 with the reason), and keeps no take", async () => {
    for (const [claim, reason] of [
      [{ sampleRate: 44_100, channels: 65_535, dataBytes: 30_000 }, /65535 channels/],
      [{ sampleRate: 10, channels: 1, dataBytes: 30_000 }, /sample rate is 10 Hz/],
    ] as const) {
      const takesBefore = await t.db.version.count();
      const hostile = wavClaiming(claim);
      const url = (await create(setup.member!, hostile.length)).headers.get("location")!;
      const refused = await patch(setup.member!, url, 0, hostile);
      expect(refused.status).toBe(415);
      expect(JSON.parse(refused.text).error.message).toMatch(reason);
      expect(await t.db.version.count()).toBe(takesBefore);
      expect(await unfinishedFiles()).toEqual([]);
    }
  });

  it("judges the head across parts smaller than it", async () => {
    const created = await create(setup.member!, wav.length);
    const url = created.headers.get("location")!;
    expect((await patch(setup.member!, url, 0, wav.subarray(0, 4000))).status).toBe(204);
    expect((await patch(setup.member!, url, 4000, wav.subarray(4000, 9000))).status).toBe(204);
    expect((await patch(setup.member!, url, 9000, wav.subarray(9000))).status).toBe(200);

    const fake = Buffer.concat([wav.subarray(0, 0), Buffer.alloc(30_000, 7)]);
    const second = (await create(setup.member!, fake.length)).headers.get("location")!;
    expect((await patch(setup.member!, second, 0, fake.subarray(0, 4000))).status).toBe(204);
    expect((await patch(setup.member!, second, 4000, fake.subarray(4000))).status).toBe(415);
    expect(await unfinishedFiles()).toEqual([]);
  });

  it("asks who is calling on every request: 401 signed out, 403 for non-members, 404 for an unknown song", async () => {
    expect((await create(null, wav.length)).status).toBe(401);
    const outsider = await createUser(t.db, "outsider");
    const refused = await create(outsider, wav.length);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.reason).toBe("NOT_A_MEMBER");
    const otherBand = await createBandWith(t.db);
    const otherSong = await createSong(t.db, otherBand.band.id);
    expect((await create(setup.member!, wav.length, { songId: otherSong.id })).status).toBe(404);
    expect((await create(setup.member!, wav.length, { title: "x".repeat(200) })).status).toBe(400);
    expect((await call(setup.member!, "POST", "/api/uploads", { headers: { "Upload-Defer-Length": "1", "Upload-Metadata": metadata({}) } })).status).toBe(400);
    expect(await unfinishedFiles()).toEqual([]);
  });

  it("refuses a member removed mid-upload on their next PATCH, and anyone but the creator", async () => {
    const leaving = await createUser(t.db, "leaving");
    await t.db.bandMember.create({ data: { bandId: setup.band.id, userId: leaving.id, role: "MEMBER" } });
    const url = (await create(leaving, wav.length)).headers.get("location")!;
    expect((await patch(leaving, url, 0, wav.subarray(0, 50_000))).status).toBe(204);

    // Another member, even an admin, cannot continue, read or delete someone else's upload.
    for (const method of ["HEAD", "DELETE"]) expect((await call(setup.admin!, method, url)).status).toBe(403);
    expect((await patch(setup.admin!, url, 50_000, wav.subarray(50_000))).status).toBe(403);
    expect((await call(null, "HEAD", url)).status).toBe(401);

    await t.db.bandMember.delete({ where: { bandId_userId: { bandId: setup.band.id, userId: leaving.id } } });
    const refused = await patch(leaving, url, 50_000, wav.subarray(50_000));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.reason).toBe("NOT_A_MEMBER");
    expect(await t.db.version.count({ where: { uploaderId: leaving.id } })).toBe(0);
  });

  it("answers 404 for an upload id that does not exist or is malformed", async () => {
    expect((await call(setup.member!, "HEAD", "/api/uploads/0123456789abcdef0123456789abcdef")).status).toBe(404);
    expect((await call(setup.member!, "HEAD", "/api/uploads/..%2f..%2fetc")).status).toBe(404);
  });
});

describe("a take for a new song (newSongTitle)", () => {
  /** Creates an upload for a song that does not exist yet, named only by its title. */
  const createForNewSong = (user: SessionUser, length: number, newSongTitle: string, extra: Record<string, string> = {}) =>
    call(user, "POST", "/api/uploads", {
      headers: { "Upload-Length": String(length), "Upload-Metadata": Metadata.stringify({ bandId: setup.band.id, newSongTitle, filename: "take.wav", ...extra }) },
    });
  const songsTitled = (title: string) => t.db.song.findMany({ where: { bandId: setup.band.id, title }, select: { id: true } });

  it("creates the song together with the take, once the last byte is in and the file is accepted", async () => {
    const url = (await createForNewSong(setup.member!, wav.length, "Blue Harbour")).headers.get("location")!;
    expect((await patch(setup.member!, url, 0, wav.subarray(0, 100_000))).status).toBe(204);
    // Half-way, the song does not exist yet.
    expect(await songsTitled("Blue Harbour")).toEqual([]);
    const done = await patch(setup.member!, url, 100_000, wav.subarray(100_000));
    expect(done.status).toBe(200);
    const take = JSON.parse(done.text) as { id: string; songId: string };
    const songs = await songsTitled("Blue Harbour");
    expect(songs).toEqual([{ id: take.songId }]);
    expect(await t.db.version.count({ where: { songId: take.songId } })).toBe(1);
    const song = await t.db.song.findUniqueOrThrow({ where: { id: take.songId }, select: { createdById: true, bandId: true } });
    expect(song).toEqual({ createdById: setup.member!.id, bandId: setup.band.id });
    // A client whose final answer was lost finds the take, in its new song.
    expect(JSON.parse((await call(setup.member!, "GET", url)).text)).toMatchObject({ id: take.id, songId: take.songId });
  });

  it("leaves no song when the file is refused: not audio at once, or implausible on the last part", async () => {
    const text = Buffer.alloc(300_000, "shopping list, not a recording\n");
    const url = (await createForNewSong(setup.member!, text.length, "Notes")).headers.get("location")!;
    expect((await patch(setup.member!, url, 0, text.subarray(0, 20_000))).status).toBe(415);
    expect(await songsTitled("Notes")).toEqual([]);

    const hostile = wavClaiming({ sampleRate: 44_100, channels: 65_535, dataBytes: 30_000 });
    const second = (await createForNewSong(setup.member!, hostile.length, "Hostile")).headers.get("location")!;
    expect((await patch(setup.member!, second, 0, hostile)).status).toBe(415);
    expect(await songsTitled("Hostile")).toEqual([]);
  });

  it("leaves no song when the browser goes away half-way (the upload is abandoned)", async () => {
    const url = (await createForNewSong(setup.member!, wav.length, "Half Gone")).headers.get("location")!;
    await droppedPatch(setup.member!, url, 0, wav, 200_000);
    expect(await settledOffset(setup.member!, url)).toBeGreaterThan(0);
    expect(await songsTitled("Half Gone")).toEqual([]);
    expect((await call(setup.member!, "DELETE", url)).status).toBe(204);
    expect(await songsTitled("Half Gone")).toEqual([]);
  });

  it("checks the title and the caller at creation: one song named, a valid title, a member", async () => {
    const both = await createForNewSong(setup.member!, wav.length, "Two Songs", { songId });
    expect(both.status).toBe(400);
    expect(JSON.parse(both.text).error.message).toMatch(/not both/);
    const neither = await call(setup.member!, "POST", "/api/uploads", {
      headers: { "Upload-Length": String(wav.length), "Upload-Metadata": Metadata.stringify({ bandId: setup.band.id, filename: "take.wav" }) },
    });
    expect(neither.status).toBe(400);
    expect((await createForNewSong(setup.member!, wav.length, "x".repeat(121))).status).toBe(400);
    const outsider = await createUser(t.db, "new-song-outsider");
    const refused = await createForNewSong(outsider, wav.length, "Not Mine");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.reason).toBe("NOT_A_MEMBER");
    expect(await songsTitled("Not Mine")).toEqual([]);
  });
});

describe("removeAbandonedUploads", () => {
  it("removes uploads idle for more than a day, keeps younger ones, judged by the last write", async () => {
    const user = setup.member!;
    // Only this test's uploads (earlier ones leave unfinished uploads behind on purpose).
    for (const name of await partialFiles()) await fsp.rm(path.join(partialDir, name));
    const idle = (await create(user, wav.length)).headers.get("location")!;
    expect((await patch(user, idle, 0, wav.subarray(0, 30_000))).status).toBe(204);
    const active = (await create(user, wav.length)).headers.get("location")!;
    const idleId = idle.split("/").pop()!;
    const activeId = active.split("/").pop()!;

    // The idle upload's files were last written 25 hours ago; the active one's just now.
    const longAgo = new Date(Date.now() - 25 * 3600_000);
    for (const name of [idleId, `${idleId}.json`]) await fsp.utimes(path.join(partialDir, name), longAgo, longAgo);
    // And what stayed of an upload finished 25 hours ago.
    const finishedId = "f".repeat(32);
    await fsp.writeFile(path.join(partialDir, `${finishedId}.done`), "{}");
    await fsp.utimes(path.join(partialDir, `${finishedId}.done`), longAgo, longAgo);

    expect((await removeAbandonedUploads(partialDir, { now: new Date() })).sort()).toEqual([idleId, finishedId].sort());
    expect(await partialFiles()).toEqual([activeId, `${activeId}.json`]);
    expect((await call(user, "HEAD", idle)).status).toBe(404);
    expect(await offsetOf(user, active)).toBe(0);

    // A day and a bit later by the injected clock, the other one goes too.
    expect(await removeAbandonedUploads(partialDir, { now: new Date(Date.now() + 24 * 3600_000 + 60_000) })).toEqual([activeId]);
    expect(await partialFiles()).toEqual([]);
  });
});
