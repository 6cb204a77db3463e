import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/server/auth/session";
import { captureLogs } from "@/server/log";
import { getStorage, type StorageDriver } from "@/server/storage";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { sessionCookies } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-database";
import { makeWav } from "@/test/wav";
import { handleTakeAudio, type TakeAudioDeps } from "./take-audio.handler";
import { createSong, openDescriptorsFor, seedTake, useTempStorage } from "@/test/audio-test-kit";

/**
 * The audio routes' handler on a real HTTP server in this process (so open
 * descriptors can be counted in /proc/self/fd), driven over real sockets with
 * fetch; the session comes from a database session cookie, as in production.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let take: Awaited<ReturnType<typeof seedTake>>;
let server: LocalServer;
let origin: string;
let storageOverride: StorageDriver | undefined;
let dbOverride: PrismaClient | undefined;
const audio = makeWav({ seconds: 2, sampleRate: 22_050, channels: 1 }); // ~88 KB
const size = audio.length;

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { member: true });
  const song = await createSong(t.db, setup.band.id);
  take = await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio });
  server = await serveLocally((req, res) => {
    const [, versionId = "", purpose] = /^\/api\/versions\/([^/]+)\/(stream|download)$/.exec(req.url ?? "") ?? [];
    const deps: TakeAudioDeps = { db: dbOverride ?? t.db, storage: storageOverride ?? getStorage(), offload: undefined };
    void handleTakeAudio(req, res, { versionId: decodeURIComponent(versionId), purpose: purpose === "download" ? "download" : "stream" }, deps);
  });
  origin = server.origin;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  storage?.cleanup();
});

const cookieFor = sessionCookies(() => t.db);

async function get(
  user: SessionUser | null,
  headers: Record<string, string> = {},
  opts: { method?: string; versionId?: string; route?: "stream" | "download" } = {},
): Promise<Response> {
  const cookie: Record<string, string> = user ? { cookie: await cookieFor(user) } : {};
  return fetch(`${origin}/api/versions/${opts.versionId ?? take.version.id}/${opts.route ?? "stream"}`, {
    method: opts.method ?? "GET",
    headers: { ...headers, ...cookie },
  });
}

/** Headers that legitimately differ between two answers (the clock, the connection). */
const stable = (headers: Headers) => {
  const { date: _date, connection: _connection, "keep-alive": _keepAlive, ...rest } = Object.fromEntries(headers);
  return rest;
};

async function bytesOf(response: Response) {
  return Buffer.from(await response.arrayBuffer());
}

describe("a member streaming a take", () => {
  it("gets the whole file with 200 and the contract's headers", async () => {
    const response = await get(setup.member!);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "accept-ranges": "bytes",
      "content-type": "audio/wav",
      "content-length": String(size),
      "cache-control": "private, no-cache",
      "x-content-type-options": "nosniff",
    });
    expect(response.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(response.headers.get("last-modified")).toMatch(/GMT$/);
    expect(response.headers.get("content-range")).toBeNull();
    expect((await bytesOf(response)).equals(audio)).toBe(true);
  });

  it("HEAD gives the same headers and no body", async () => {
    const [getResponse, head] = await Promise.all([get(setup.owner), get(setup.owner, {}, { method: "HEAD" })]);
    await getResponse.body?.cancel();
    expect(head.status).toBe(200);
    expect(stable(head.headers)).toEqual(stable(getResponse.headers));
    expect(head.body).toBeNull();
    const partialHead = await get(setup.owner, { range: "bytes=10-19" }, { method: "HEAD" });
    expect(partialHead.status).toBe(206);
    expect(partialHead.headers.get("content-range")).toBe(`bytes 10-19/${size}`);
    expect(partialHead.headers.get("content-length")).toBe("10");
    expect(partialHead.body).toBeNull();
  });

  // The route-level table: status, Content-Range and the exact bytes.
  const cases: [string, number, [number, number] | null][] = [
    ["bytes=0-0", 206, [0, 0]],
    ["bytes=0-1023", 206, [0, 1023]],
    ["bytes=100-", 206, [100, size - 1]],
    ["bytes=-500", 206, [size - 500, size - 1]],
    [`bytes=${size - 10}-${size + 5000}`, 206, [size - 10, size - 1]],
    ["bytes=-999999999", 206, [0, size - 1]],
    [`bytes=${size}-`, 416, null],
    ["bytes=-0", 416, null],
    ["bytes=oops", 200, [0, size - 1]],
    ["bytes=9-3", 200, [0, size - 1]],
    ["bytes=0-1,4-5", 200, [0, size - 1]],
    ["chunks=0-1", 200, [0, size - 1]],
  ];
  it.each(cases)("Range %j -> %i", async (range, status, slice) => {
    const response = await get(setup.member!, { range });
    expect(response.status).toBe(status);
    if (status === 416) {
      expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
      expect(response.headers.get("content-length")).toBe("0");
      expect((await bytesOf(response)).length).toBe(0);
      return;
    }
    const [start, end] = slice!;
    expect(response.headers.get("content-range")).toBe(status === 206 ? `bytes ${start}-${end}/${size}` : null);
    expect(response.headers.get("content-length")).toBe(String(end - start + 1));
    expect((await bytesOf(response)).equals(audio.subarray(start, end + 1))).toBe(true);
  });

  it("property: any valid single range returns exactly file.slice(start, end + 1) with matching headers", async () => {
    const spec = fc.oneof(
      fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size + 1000 })).map(([a, b]) => {
        const [first, last] = a <= b ? [a, b] : [b, a];
        return { header: `bytes=${first}-${last}`, start: first, end: Math.min(last, size - 1) };
      }),
      fc.nat({ max: size - 1 }).map((first) => ({ header: `bytes=${first}-`, start: first, end: size - 1 })),
      fc.integer({ min: 1, max: size + 1000 }).map((n) => ({ header: `bytes=-${n}`, start: Math.max(0, size - n), end: size - 1 })),
    );
    await fc.assert(
      fc.asyncProperty(spec, async ({ header, start, end }) => {
        const response = await get(setup.member!, { range: header });
        expect(response.status).toBe(206);
        expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
        expect(response.headers.get("content-length")).toBe(String(end - start + 1));
        expect((await bytesOf(response)).equals(audio.subarray(start, end + 1))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("answers If-None-Match with 304 and no body", async () => {
    const { headers } = await get(setup.member!, {}, { method: "HEAD" });
    const etag = headers.get("etag")!;
    const notModified = await get(setup.member!, { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(notModified.headers.get("content-length")).toBeNull();
    expect((await bytesOf(notModified)).length).toBe(0);
    const changed = await get(setup.member!, { "if-none-match": '"something-else"' });
    expect(changed.status).toBe(200);
    await changed.body?.cancel();
  });

  it("honours a Range only when If-Range still matches", async () => {
    const { headers } = await get(setup.member!, {}, { method: "HEAD" });
    const matching = await get(setup.member!, { range: "bytes=0-9", "if-range": headers.get("etag")! });
    expect(matching.status).toBe(206);
    expect((await bytesOf(matching)).equals(audio.subarray(0, 10))).toBe(true);
    const byDate = await get(setup.member!, { range: "bytes=0-9", "if-range": headers.get("last-modified")! });
    expect(byDate.status).toBe(206);
    await byDate.body?.cancel();
    const stale = await get(setup.member!, { range: "bytes=0-9", "if-range": '"stale"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).equals(audio)).toBe(true);
  });

  it("releases the file descriptor as soon as the client goes away", async () => {
    // Large enough that the server is still sending when the client reads its first chunk.
    const song = await createSong(t.db, setup.band.id, "Long one");
    const long = await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: makeWav({ seconds: 120, sampleRate: 44_100, channels: 2 }) });
    expect(openDescriptorsFor(long.path)).toBe(0);
    const response = await get(setup.member!, {}, { versionId: long.version.id });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(openDescriptorsFor(long.path)).toBe(1);
    await reader.cancel();
    await expect.poll(() => openDescriptorsFor(long.path), { timeout: 1000, interval: 5 }).toBe(0);
  });

  it("releases the file when the storage fails mid-body, and cuts the response short", async () => {
    const real = getStorage();
    let opened = 0;
    storageOverride = {
      stat: (key) => real.stat(key),
      openRange(key, start, end) {
        opened++;
        const source = real.openRange(key, start, end);
        let sent = 0;
        return Readable.from(
          (async function* () {
            try {
              for await (const chunk of source) {
                yield chunk as Buffer;
                sent += (chunk as Buffer).length;
                if (sent > 10_000) throw Object.assign(new Error("disk went away"), { code: "EIO" });
              }
            } finally {
              source.destroy();
            }
          })(),
        );
      },
      put: (key, body) => real.put(key, body),
      delete: (key) => real.delete(key),
    };
    // The failed read is logged as an error; keep it out of the test output.
    const logs = captureLogs();
    try {
      const response = await get(setup.member!);
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
      expect(opened).toBe(1);
      await expect.poll(() => openDescriptorsFor(take.path), { timeout: 1000, interval: 5 }).toBe(0);
    } finally {
      logs.restore();
      storageOverride = undefined;
    }
  });
});

describe("database round trips", () => {
  /** The database, counting every statement the handler issues (raw or through a model). */
  function counting(db: PrismaClient) {
    const calls: string[] = [];
    const proxy = new Proxy(db, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof property !== "string") return value;
        if (property.startsWith("$query") || property.startsWith("$execute") || property === "$transaction") {
          return (...args: unknown[]) => {
            calls.push(property);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (value && typeof value === "object" && !property.startsWith("$")) {
          calls.push(`${property} (model)`);
        }
        return value;
      },
    });
    return { proxy, calls };
  }

  it("a member's range request costs exactly one SQL statement, and so does the next one (nothing cached)", async () => {
    const { proxy, calls } = counting(t.db);
    dbOverride = proxy;
    try {
      for (const route of ["stream", "download"] as const) {
        for (let i = 0; i < 2; i++) {
          calls.length = 0;
          const response = await get(setup.member!, { range: "bytes=0-1" }, { route });
          expect(response.status).toBe(206);
          await response.arrayBuffer();
          expect(calls).toEqual(["$queryRaw"]);
        }
      }
    } finally {
      dbOverride = undefined;
    }
  });
});

describe("refused callers get no audio bytes", () => {
  async function expectRefused(response: Response, status: number, reason: string | null) {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    for (const header of ["etag", "content-range", "accept-ranges", "last-modified"]) expect(response.headers.get(header)).toBeNull();
    const body = await bytesOf(response);
    expect(response.headers.get("content-length")).toBe(String(body.length));
    expect(body.includes(Buffer.from("RIFF"))).toBe(false);
    expect(JSON.parse(body.toString("utf8")).error.reason).toBe(reason);
  }

  it("anonymous, unknown, expired or signed-out sessions -> 401", async () => {
    const cookie = `next-auth.session-token=${"0".repeat(64)}`;
    await expectRefused(await fetch(`${origin}/api/versions/${take.version.id}/stream`, { headers: { cookie } }), 401, null);
    const user = await createUser(t.db, "expired");
    await t.db.session.create({ data: { sessionToken: "expired-token", userId: user.id, expires: new Date(Date.now() - 1000) } });
    await expectRefused(await fetch(`${origin}/api/versions/${take.version.id}/stream`, { headers: { cookie: "next-auth.session-token=expired-token" } }), 401, null);
  });

  it("anonymous -> 401, even for a range and for an unknown id", async () => {
    await expectRefused(await get(null, { range: "bytes=0-" }), 401, null);
    await expectRefused(await get(null, {}, { versionId: "does-not-exist" }), 401, null);
  });

  it("a signed-in stranger -> 403 NOT_A_MEMBER", async () => {
    const stranger = await createUser(t.db, "stranger");
    await expectRefused(await get(stranger, { range: "bytes=0-99" }), 403, "NOT_A_MEMBER");
    const head = await get(stranger, {}, { method: "HEAD" });
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    expect(head.headers.get("content-type")).toMatch(/^application\/json/);
    expect(head.status).toBe(403);
    expect(head.body).toBeNull();
  });

  it("an unknown version id -> 404", async () => {
    await expectRefused(await get(setup.member!, {}, { versionId: "does-not-exist" }), 404, null);
  });

  it("a member removed from the band is refused on the very next request", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const song = await createSong(t.db, band.id);
    const own = await seedTake(t.db, { bandId: band.id, songId: song.id, uploader: member!, bytes: audio });
    const before = await get(member!, {}, { versionId: own.version.id });
    expect(before.status).toBe(200);
    await before.body?.cancel();
    await callerFor(t.db, owner).member.remove({ bandId: band.id, userId: member!.id });
    await expectRefused(await get(member!, {}, { versionId: own.version.id }), 403, "NOT_A_MEMBER");
  });

  it("another band's member -> 403", async () => {
    const other = await createBandWith(t.db);
    await expectRefused(await get(other.owner), 403, "NOT_A_MEMBER");
  });
});

describe("the seed regression: a newly joined member", () => {
  it("accepts an invite and streams a take on their very next request", async () => {
    const invitee = await createUser(t.db, "newcomer");
    await expect(get(invitee).then((r) => r.status)).resolves.toBe(403);
    const created = await callerFor(t.db, setup.owner).invite.create({ bandId: setup.band.id, email: invitee.email, role: "MEMBER" });
    await callerFor(t.db, invitee).invite.accept({ token: created.link.split("/").pop()! });

    const response = await get(invitee, { range: "bytes=0-3" });
    expect(response.status).toBe(206);
    expect((await bytesOf(response)).toString("ascii")).toBe("RIFF");
  });
});

describe("deleting a take", () => {
  it("version.delete removes its file, and the stream then answers 404", async () => {
    const song = await createSong(t.db, setup.band.id, "Doomed");
    const doomed = await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio });
    const key = doomed.version.storageKey;
    expect(await getStorage().stat(key)).not.toBeNull();
    const before = await get(setup.member!, {}, { versionId: doomed.version.id });
    expect(before.status).toBe(200);
    await before.body?.cancel();
    await callerFor(t.db, setup.member!).version.delete({ bandId: setup.band.id, versionId: doomed.version.id });
    expect(await getStorage().stat(key)).toBeNull();
    expect((await storage.files()).some((f) => f === key)).toBe(false);
    expect((await get(setup.member!, {}, { versionId: doomed.version.id })).status).toBe(404);
  });
});

describe("a take deleted through another instance", () => {
  it("is refused on the very next request, even while its file is still on disk", async () => {
    const song = await createSong(t.db, setup.band.id, "Gone elsewhere");
    const gone = await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio });
    const before = await get(setup.member!, { range: "bytes=0-3" }, { versionId: gone.version.id });
    expect(before.status).toBe(206);
    await before.body?.cancel();
    // Another instance deleted the row; its file is removed later (or never, after a crash).
    await t.db.version.delete({ where: { id: gone.version.id } });
    expect(await getStorage().stat(gone.version.storageKey)).not.toBeNull();
    expect((await get(setup.member!, { range: "bytes=0-3" }, { versionId: gone.version.id })).status).toBe(404);
  });
});

describe("downloading the original", () => {
  it("sends the same bytes and headers as the stream, as an attachment named after the song and take", async () => {
    const song = await createSong(t.db, setup.band.id, "Nachtfähre");
    const named = await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio });
    await t.db.version.update({ where: { id: named.version.id }, data: { title: "Full band: slower", originalName: "Probe 3.WAV" } });
    const [download, stream] = await Promise.all([
      get(setup.member!, {}, { versionId: named.version.id, route: "download" }),
      get(setup.member!, {}, { versionId: named.version.id }),
    ]);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Nachtfahre - Full band slower.wav"; filename*=UTF-8''Nachtf%C3%A4hre%20-%20Full%20band%20slower.wav`,
    );
    const { "content-disposition": _disposition, ...rest } = stable(download.headers);
    expect(rest).toEqual(stable(stream.headers));
    expect(stream.headers.get("content-disposition")).toBeNull();
    expect((await bytesOf(download)).equals(audio)).toBe(true);
    await stream.body?.cancel();

    const probe = await get(setup.member!, { range: "bytes=0-1" }, { versionId: named.version.id, route: "download" });
    expect(probe.status).toBe(206);
    expect(probe.headers.get("content-length")).toBe("2");
    expect((await bytesOf(probe)).toString("ascii")).toBe("RI");
    const head = await get(setup.member!, {}, { versionId: named.version.id, route: "download", method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(size));
    expect(head.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("is refused exactly like the stream", async () => {
    const stranger = await createUser(t.db, "download-stranger");
    expect((await get(null, {}, { route: "download" })).status).toBe(401);
    const refused = await get(stranger, { range: "bytes=0-1" }, { route: "download" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-disposition")).toBeNull();
    expect((await refused.json()).error.reason).toBe("NOT_A_MEMBER");
    expect((await get(setup.member!, {}, { route: "download", versionId: "nope" })).status).toBe(404);
  });

  it("answers other methods with 405", async () => {
    const response = await get(setup.member!, {}, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});
