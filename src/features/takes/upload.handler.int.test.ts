import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { getStorage } from "@/server/storage";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { makeWav, wavClaiming } from "@/test/wav";
import { makeVideoFile, VIDEO_FORMATS, type VideoFormatName } from "@/test/video-files";
import { createSong, useTempStorage } from "@/test/audio-test-kit";
import { handleUpload, type UploadDeps } from "./upload.handler";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let songId: string;
const wav = makeWav({ seconds: 2, sampleRate: 22_050, channels: 1 }); // 88,244 bytes
const BOUNDARY = "----rehearsalhub-test-boundary";

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { member: true });
  songId = (await createSong(t.db, setup.band.id)).id;
});
afterAll(async () => {
  await t?.close();
  storage?.cleanup();
});

let versionsBefore = 0;
beforeEach(async () => {
  versionsBefore = await t.db.version.count();
});

const deps = (overrides: Partial<UploadDeps> = {}): UploadDeps => ({ storage: getStorage(), maxUploadBytes: 10 * 1024 * 1024, ...overrides });

type Part = { name: string; filename?: string; contentType?: string; data: Buffer | string };
function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? "application/octet-stream"}`;
    chunks.push(Buffer.from(head + "\r\n\r\n"), Buffer.from(part.data), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

function post(user: SessionUser | null, body: BodyInit | Buffer | null, opts: { headers?: Record<string, string>; bandId?: string; songId?: string; deps?: UploadDeps } = {}) {
  const bandId = opts.bandId ?? setup.band.id;
  const target = opts.songId ?? songId;
  const request = new Request(`http://app.test/api/bands/${bandId}/songs/${target}/versions`, {
    method: "POST",
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    // FormData bodies bring their own multipart Content-Type and boundary.
    headers: body instanceof FormData ? opts.headers : { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...opts.headers },
    duplex: "half",
  } as RequestInit);
  return handleUpload(request, { db: t.db, user }, { bandId, songId: target }, opts.deps ?? deps());
}

/** A body that sends `sent` bytes of `full` and then fails, as a client that hangs up does. */
function abortingBody(full: Buffer, sent: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      if (offset >= sent) {
        controller.error(new Error("client aborted"));
        return;
      }
      const next = full.subarray(offset, Math.min(sent, offset + 8 * 1024));
      offset += next.length;
      controller.enqueue(new Uint8Array(next));
      await new Promise((r) => setTimeout(r, 1));
    },
  });
}

/**
 * Sends the first `sent` bytes at once, then fails `afterMs` later: over the
 * rounds, the hang-up lands in each gap between the handler's steps (sniffing,
 * preparing storage, writing).
 */
function burstThenFail(full: Buffer, sent: number, afterMs: number): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream({
    async pull(controller) {
      if (done) {
        await new Promise((r) => setTimeout(r, afterMs));
        return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      }
      done = true;
      controller.enqueue(new Uint8Array(full.subarray(0, sent)));
    },
  });
}

/** A body streamed in chunks without a Content-Length, so only counting can enforce the limit. */
function streamedBody(full: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= full.length) return controller.close();
      controller.enqueue(new Uint8Array(full.subarray(offset, offset + 16 * 1024)));
      offset += 16 * 1024;
    },
  });
}

async function expectNothingLeft() {
  expect(await storage.files()).toEqual(await committedFiles());
  expect(await t.db.version.count()).toBe(versionsBefore);
}
async function committedFiles() {
  const rows = await t.db.version.findMany({ select: { storageKey: true } });
  return rows.map((r) => r.storageKey).sort();
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { message: string; code: string; reason: string | null } };
  return { status: response.status, ...body.error };
}

describe("uploading a take", () => {
  it("stores a WAV sent with FormData, reads its metadata, and returns the version (201)", async () => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(wav)], { type: "application/octet-stream" }), "Tuesday jam ../../etc.wav");
    form.set("title", "  Tuesday, second pass  ");
    form.set("notes", "Bridge is tighter");
    const response = await post(setup.member!, form);
    expect(response.status).toBe(201);
    const version = (await response.json()) as Record<string, unknown>;
    expect(version).toMatchObject({
      bandId: setup.band.id,
      songId,
      uploaderId: setup.member!.id,
      title: "Tuesday, second pass",
      notes: "Bridge is tighter",
      originalName: "etc.wav", // never a path
      contentType: "audio/wav",
      sizeBytes: wav.length,
      sampleRate: 22_050,
      channels: 1,
      bitDepth: 16,
      processing: "PENDING",
      offsetSeconds: 0,
      streamUrl: `/api/versions/${version.id as string}/stream`,
    });
    expect(version.number).toEqual(expect.any(Number));
    expect(version.durationSeconds).toBeCloseTo(2, 2);
    // Its processing job was committed with it.
    const jobs = await t.db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'process-take' AND data->>'versionId' = ${version.id as string}`;
    expect(jobs).toEqual([{ state: "created" }]);
    expect(version).not.toHaveProperty("storageKey");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: version.id as string } });
    // The key is the server's own, never the client's file name.
    expect(row.storageKey).toMatch(new RegExp(`^bands/${setup.band.id}/[0-9a-f-]{36}\\.wav$`));
    expect(await storage.files()).toContain(row.storageKey);
    const stored = getStorage().openRange(row.storageKey, 0, wav.length - 1);
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(wav)).toBe(true);
  });

  it("keeps a non-ASCII file name exactly, sent as raw UTF-8 bytes as browsers do", async () => {
    const name = "Tõnu – ü take.wav";
    const body = multipart([{ name: "file", filename: name, contentType: "audio/wav", data: wav }]);
    expect(body.includes(Buffer.from(`filename="${name}"`, "utf8"))).toBe(true); // no percent- or RFC 2231 encoding
    const response = await post(setup.member!, body);
    expect(response.status).toBe(201);
    const version = (await response.json()) as { id: string; originalName: string };
    expect(version.originalName).toBe(name);
    const row = await t.db.version.findUniqueOrThrow({ where: { id: version.id } });
    expect(row.originalName).toBe(name);
  });

  it("recognises audio by its bytes, whatever the name or declared type", async () => {
    const response = await post(setup.owner, multipart([{ name: "file", filename: "notes.txt", contentType: "text/plain", data: wav }]));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ contentType: "audio/wav", originalName: "notes.txt", title: null, notes: null });
  });

  it("refuses bytes that are not audio with 415, even named .wav, and keeps nothing", async () => {
    const text = Buffer.from("definitely not audio\n".repeat(5000));
    const response = await post(setup.member!, multipart([{ name: "file", filename: "take.wav", contentType: "audio/wav", data: text }]));
    expect(await errorOf(response)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    await expectNothingLeft();
  });

  it.each([
    ["a sample rate of 10 Hz (10 KB that says it is 1000 seconds)", { sampleRate: 10, channels: 1, dataBytes: 10_000 }, /sample rate is 10 Hz/],
    ["a sample rate of 1e9", { sampleRate: 1e9, channels: 1, dataBytes: 10_000 }, /sample rate is 1000000 kHz/],
    ["65,535 channels", { sampleRate: 44_100, channels: 65_535, dataBytes: 10_000 }, /65535 channels; at most 32/],
  ])("refuses a WAV whose header claims %s with 415 and a reason, before any work, and keeps nothing", async (_name, claim, reason) => {
    const response = await post(setup.member!, multipart([{ name: "file", filename: "hostile.wav", contentType: "audio/wav", data: wavClaiming(claim) }]));
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(error.message).toMatch(reason);
    await expectNothingLeft();
  });

  it("refuses an empty file with 415", async () => {
    const response = await post(setup.member!, multipart([{ name: "file", filename: "empty.wav", data: "" }]));
    expect(response.status).toBe(415);
    await expectNothingLeft();
  });
});

describe("uploading a video: the take keeps its sound", () => {
  let videoDir: string;
  beforeAll(() => {
    videoDir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-upload-videos-"));
  });
  afterAll(() => fs.rmSync(videoDir, { recursive: true, force: true }));

  it.each(["mp4-h264-aac", "mp4-hevc-aac", "mov-h264-aac", "webm-vp9-opus", "webm-vp8-vorbis", "mkv-h264-aac"] as VideoFormatName[])(
    "%s is accepted (201), stored byte for byte with its real video content type",
    async (name) => {
      const video = fs.readFileSync(makeVideoFile(videoDir, name, { seconds: 2 }));
      const response = await post(setup.member!, multipart([{ name: "file", filename: `rehearsal.${VIDEO_FORMATS[name].ext}`, contentType: "application/octet-stream", data: video }]));
      expect(response.status).toBe(201);
      // Its length and facts come from processing (music-metadata reads no length from a MOV).
      const take = (await response.json()) as { id: string; contentType: string; sizeBytes: number; processing: string };
      expect(take).toMatchObject({ contentType: VIDEO_FORMATS[name].contentType, sizeBytes: video.length, processing: "PENDING" });
      const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
      expect(row.storageKey).toMatch(new RegExp(`\\.${VIDEO_FORMATS[name].ext}$`));
      const chunks: Buffer[] = [];
      for await (const chunk of getStorage().openRange(row.storageKey, 0, video.length - 1)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(video)).toBe(true);
    },
  );

  it("a video with no sound is refused with 415 saying so, and nothing is kept", async () => {
    const silent = fs.readFileSync(makeVideoFile(videoDir, "mp4-h264-aac", { sound: false }));
    const error = await errorOf(await post(setup.member!, multipart([{ name: "file", filename: "silent.mp4", data: silent }])));
    expect(error).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(error.message).toMatch(/^That video has no sound/);
    await expectNothingLeft();
  });
});

describe("the same file uploaded twice", () => {
  type Answer = { id: string; number: number; duplicateOf: { versionId: string; number: number; songId: string; songTitle: string } | null };
  const upload = async (user: SessionUser, bytes: Buffer, song: string) => {
    const response = await post(user, multipart([{ name: "file", filename: "take.wav", contentType: "audio/wav", data: bytes }]), { songId: song });
    expect(response.status).toBe(201);
    return (await response.json()) as Answer;
  };

  it("the second take carries duplicateOf (the first, in any song of the band), different bytes do not; both are kept", async () => {
    const bytes = makeWav({ seconds: 1, sampleRate: 8_000, channels: 1, frequency: 523 });
    const first = await upload(setup.member!, bytes, songId);
    expect(first.duplicateOf).toBeNull();
    const other = await createSong(t.db, setup.band.id, "Song X");
    const second = await upload(setup.owner, bytes, other.id);
    expect(second.duplicateOf).toEqual({ versionId: first.id, number: first.number, songId, songTitle: "Song" });
    const different = await upload(setup.member!, makeWav({ seconds: 1, sampleRate: 8_000, channels: 1, frequency: 659 }), other.id);
    expect(different.duplicateOf).toBeNull();

    // The take's own views say it too, and both takes are still there.
    const caller = callerFor(t.db, setup.member!);
    expect((await caller.version.get({ bandId: setup.band.id, versionId: second.id })).duplicateOf?.versionId).toBe(first.id);
    const list = await caller.version.list({ bandId: setup.band.id, songId: other.id });
    expect(list.map((v) => [v.id, v.duplicateOf?.versionId ?? null])).toEqual([
      [different.id, null],
      [second.id, first.id],
    ]);
    expect((await caller.version.list({ bandId: setup.band.id, songId })).find((v) => v.id === first.id)?.duplicateOf).toBeNull();
    // The hash is the server's own: no view carries it.
    expect(second).not.toHaveProperty("sha256");
  });

  it("the same bytes in another band are nobody's duplicate there", async () => {
    const bytes = makeWav({ seconds: 1, sampleRate: 8_000, channels: 1, frequency: 784 });
    await upload(setup.member!, bytes, songId);
    const elsewhere = await createBandWith(t.db);
    const theirSong = await createSong(t.db, elsewhere.band.id);
    const response = await post(elsewhere.owner, multipart([{ name: "file", filename: "take.wav", data: bytes }]), { bandId: elsewhere.band.id, songId: theirSong.id });
    expect(response.status).toBe(201);
    expect(((await response.json()) as Answer).duplicateOf).toBeNull();
  });
});

describe("size limit (413)", () => {
  it("refuses up front when Content-Length is already over the limit, before reading the body", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await post(setup.member!, body, { headers: { "content-length": String(200 * 1024 * 1024) }, deps: deps({ maxUploadBytes: 1024 * 1024 }) });
    expect(await errorOf(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("1 MB") });
    expect(pulled).toBeLessThanOrEqual(1);
    await expectNothingLeft();
  });

  it("counts bytes while streaming when there is no Content-Length, and keeps nothing", async () => {
    const body = streamedBody(multipart([{ name: "file", filename: "long.wav", data: wav }]));
    const response = await post(setup.member!, body, { deps: deps({ maxUploadBytes: 50_000 }) });
    expect(await errorOf(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    await expectNothingLeft();
  });

  it("accepts a file of exactly the limit", async () => {
    const response = await post(setup.member!, streamedBody(multipart([{ name: "file", filename: "exact.wav", data: wav }])), { deps: deps({ maxUploadBytes: wav.length }) });
    expect(response.status).toBe(201);
  });
});

describe("an aborted upload leaves nothing behind", () => {
  const body = multipart([{ name: "title", data: "will never land" }, { name: "file", filename: "big.wav", data: makeWav({ seconds: 5 }) }]);

  it.each([
    ["while sniffing the first bytes", 2_000],
    ["half-way through the file", Math.floor(body.length / 2)],
    ["just before the closing boundary", body.length - 10],
  ])("aborted %s: no row, no file, no temp file", async (_when, sent) => {
    const response = await post(setup.member!, abortingBody(body, sent));
    expect(response.status).toBe(400);
    await expectNothingLeft();
  });

  it("a hang-up at any moment, however it lands between steps, never escapes as an uncaught exception", async () => {
    const escaped: unknown[] = [];
    const onUncaught = (error: unknown) => escaped.push(error);
    // Vitest's own listener would fail the run; count instead, to say how many escaped.
    const previous = process.listeners("uncaughtException");
    process.removeAllListeners("uncaughtException");
    process.on("uncaughtException", onUncaught);
    try {
      const cuts = [600, 2_000, 4_100, 8_300, 16_500, 40_000, Math.floor(body.length / 2)];
      for (const afterMs of [0, 1, 2, 4, 8]) {
        const responses = await Promise.all(cuts.map((sent) => post(setup.member!, burstThenFail(body, sent, afterMs))));
        for (const response of responses) expect(response.status).toBe(400);
      }
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off("uncaughtException", onUncaught);
      for (const listener of previous) process.on("uncaughtException", listener);
    }
    expect(escaped).toEqual([]);
    await expectNothingLeft();
  });

  it("a body cut short without an error (truncated multipart) is refused the same way", async () => {
    const response = await post(setup.member!, streamedBody(body.subarray(0, body.length - 200)));
    expect(response.status).toBe(400);
    await expectNothingLeft();
  });
});

describe("who may upload where", () => {
  const good = () => multipart([{ name: "file", filename: "x.wav", data: wav }]);

  it("anonymous -> 401, stranger -> 403, unknown band -> 404", async () => {
    expect((await errorOf(await post(null, good()))).status).toBe(401);
    const stranger = await createUser(t.db, "stranger");
    expect(await errorOf(await post(stranger, good()))).toMatchObject({ status: 403, reason: "NOT_A_MEMBER" });
    expect((await errorOf(await post(setup.member!, good(), { bandId: "no-such-band" }))).status).toBe(404);
    await expectNothingLeft();
  });

  it("a song of another band -> 404, even for a member of both", async () => {
    const other = await createBandWith(t.db);
    const foreignSong = await createSong(t.db, other.band.id);
    expect((await errorOf(await post(setup.owner, good(), { songId: foreignSong.id }))).status).toBe(404);
    await expectNothingLeft();
  });

  it("bad requests -> 400 with a readable message", async () => {
    const noFile = await errorOf(await post(setup.member!, multipart([{ name: "title", data: "only a title" }])));
    expect(noFile).toMatchObject({ status: 400, message: expect.stringContaining("file") });
    const notMultipart = await errorOf(await post(setup.member!, "x", { headers: { "content-type": "application/json" } }));
    expect(notMultipart.status).toBe(400);
    const longTitle = await errorOf(await post(setup.member!, multipart([{ name: "title", data: "x".repeat(121) }, { name: "file", filename: "x.wav", data: wav }])));
    expect(longTitle).toMatchObject({ status: 400, message: expect.stringContaining("120") });
    await expectNothingLeft();
  });

  it("a NUL or a non-id character in the band or song id, or a NUL in the title -> 400, never a 500", async () => {
    for (const params of [{ bandId: "abc\u0000" }, { songId: "\u0000" }, { bandId: "a%2Fb" }, { songId: "x".repeat(65) }]) {
      const refused = await errorOf(await post(setup.member!, good(), params));
      expect(refused, JSON.stringify(params)).toMatchObject({ status: 400, message: expect.stringMatching(/not a valid (band|song) id/) });
    }
    const nulTitle = await errorOf(await post(setup.member!, multipart([{ name: "title", data: "Take\u0000one" }, { name: "file", filename: "x.wav", data: wav }])));
    expect(nulTitle).toMatchObject({ status: 400, message: expect.stringContaining("control characters") });
    await expectNothingLeft();
  });
});

describe("title and notes: one rule with version.update, checked before the file streams", () => {
  /** The real storage, counting the files it is asked to write. */
  function countingDeps() {
    const real = getStorage();
    const counter = { puts: 0 };
    const storageDriver = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === "put") return (...args: Parameters<typeof real.put>) => (counter.puts++, target.put(...args));
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    return { counter, deps: deps({ storage: storageDriver }) };
  }

  /** `head` at once, then `tail` in 4 KiB chunks 20 ms apart (about 2 s in all): reading it all takes long. */
  function slowBody(head: Buffer, tail: Buffer) {
    const stats = { chunks: 0, total: 1 + Math.ceil(tail.length / 4096), cancelled: false };
    let offset = -1;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset === -1) {
          offset = 0;
          stats.chunks++;
          return controller.enqueue(new Uint8Array(head));
        }
        if (offset >= tail.length) return controller.close();
        await new Promise((r) => setTimeout(r, 20));
        controller.enqueue(new Uint8Array(tail.subarray(offset, offset + 4096)));
        offset += 4096;
        stats.chunks++;
      },
      cancel() {
        stats.cancelled = true;
      },
    });
    return { body, stats };
  }

  it("notes of 3000 characters (the form's and version.update's limit is 4000) are kept", async () => {
    const notes = "Bridge is tighter. ".repeat(158).slice(0, 3000).trim() + "!";
    const response = await post(setup.member!, multipart([{ name: "notes", data: notes }, { name: "file", filename: "x.wav", data: wav }]));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { notes: string }).notes).toBe(notes);
  });

  it("notes of exactly 4000 multi-byte characters are kept", async () => {
    const notes = "é♪".repeat(2000);
    const response = await post(setup.member!, multipart([{ name: "notes", data: notes }, { name: "file", filename: "x.wav", data: wav }]));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { notes: string }).notes).toBe(notes);
  });

  it("notes of 5000 characters before the file -> 400 at once: nothing stored, the rest of the body never read", async () => {
    const { counter, deps: counting } = countingDeps();
    const full = multipart([{ name: "title", data: "Fine title" }, { name: "notes", data: "n".repeat(5000) }, { name: "file", filename: "big.wav", data: makeWav({ seconds: 5 }) }]);
    const split = full.indexOf("filename=") + 200; // the fields and the start of the file part
    const { body, stats } = slowBody(full.subarray(0, split), full.subarray(split));
    const started = performance.now();
    const refused = await errorOf(await post(setup.member!, body, { deps: counting }));
    const elapsed = performance.now() - started;
    expect(refused).toMatchObject({ status: 400, code: "BAD_REQUEST", message: "Notes can be at most 4000 characters." });
    expect(counter.puts).toBe(0);
    expect(stats.chunks).toBeLessThan(stats.total / 4);
    expect(stats.cancelled).toBe(true);
    expect(elapsed).toBeLessThan(1000);
    await expectNothingLeft();
  });

  it("a title with a control character before the file -> 400 before anything is stored", async () => {
    const { counter, deps: counting } = countingDeps();
    const refused = await errorOf(await post(setup.member!, multipart([{ name: "title", data: "Take\u0007one" }, { name: "file", filename: "x.wav", data: wav }]), { deps: counting }));
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining("control characters") });
    expect(counter.puts).toBe(0);
    await expectNothingLeft();
  });

  it("a field far over busboy's field size is refused as too long, not silently cut to a valid prefix", async () => {
    // 1 character, then 20,000 spaces: cut short and trimmed, it would pass as "x".
    const refused = await errorOf(await post(setup.member!, multipart([{ name: "notes", data: "x" + " ".repeat(20_000) + "y" }, { name: "file", filename: "x.wav", data: wav }])));
    expect(refused).toMatchObject({ status: 400, message: "Notes can be at most 4000 characters." });
    await expectNothingLeft();
  });

  it("fields after the file are still checked: 400, and the stored file is removed again", async () => {
    const refused = await errorOf(await post(setup.member!, multipart([{ name: "file", filename: "x.wav", data: wav }, { name: "notes", data: "n".repeat(5000) }])));
    expect(refused).toMatchObject({ status: 400, message: "Notes can be at most 4000 characters." });
    await expectNothingLeft();
    const ok = await post(setup.member!, multipart([{ name: "file", filename: "x.wav", data: wav }, { name: "title", data: "Late title" }]));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { title: string }).title).toBe("Late title");
  });
});
