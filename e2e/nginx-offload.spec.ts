import path from "node:path";
import { makeWav } from "../src/test/wav";
import { AudioSeed, e2eStorageDir, type SeededTake, type SeededUser } from "./support/audio-seed";
import { startExtraInstance, type Instance } from "./support/extra-instance";
import { expect, test } from "./support/fixtures";
import { startNginx } from "./support/nginx";
import { e2eRoot } from "./support/paths";

/**
 * AUDIO_OFFLOAD=x-accel with Debian's nginx in front, configured from the
 * shipped deploy/nginx/rehearsalhub.conf: the app checks, nginx sends the bytes.
 */
const base = Number(process.env.E2E_PORT ?? 3100);
let app: Instance;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let seed: AudioSeed;
let member: SeededUser;
let stranger: SeededUser;
let take: SeededTake;

test.beforeAll(async () => {
  seed = new AudioSeed();
  member = await seed.user("listener");
  stranger = await seed.user("stranger");
  const bandId = await seed.band(member);
  take = await seed.take(bandId, member, makeWav({ seconds: 10, sampleRate: 44_100, channels: 1 }), { songTitle: "Ferry", title: "Take one" });
  app = await startExtraInstance(base + 12, { AUDIO_OFFLOAD: "x-accel" });
  nginx = await startNginx({ dir: path.join(e2eRoot, "nginx"), port: base + 13, appPort: base + 12, storageDir: e2eStorageDir });
});
test.afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
  await seed?.close();
});

const url = (route = "stream") => `${nginx.origin}/api/versions/${take.versionId}/${route}`;

test("through nginx: bytes=0-1, a random range, the whole file, HEAD, 416 and 304, with the app's headers", async ({ request }) => {
  const size = take.bytes.length;
  const headers = { cookie: member.cookie };
  const probe = await request.get(url(), { headers: { ...headers, range: "bytes=0-1" } });
  expect(probe.status()).toBe(206);
  expect(probe.headers()["content-length"]).toBe("2");
  expect(probe.headers()["content-range"]).toBe(`bytes 0-1/${size}`);
  expect(probe.headers()["content-type"]).toBe("audio/wav");
  expect(probe.headers()["cache-control"]).toBe("private, no-cache");
  expect(probe.headers()["x-content-type-options"]).toBe("nosniff");
  expect(probe.headers()["x-accel-redirect"]).toBeUndefined();
  expect(await probe.body()).toEqual(take.bytes.subarray(0, 2));

  for (let i = 0; i < 5; i++) {
    const start = Math.floor(Math.random() * (size - 1));
    const end = Math.min(size - 1, start + Math.floor(Math.random() * 200_000));
    const partial = await request.get(url(), { headers: { ...headers, range: `bytes=${start}-${end}` } });
    expect(partial.status()).toBe(206);
    expect(partial.headers()["content-length"]).toBe(String(end - start + 1));
    expect(await partial.body()).toEqual(take.bytes.subarray(start, end + 1));
  }

  const full = await request.get(url(), { headers });
  expect(full.status()).toBe(200);
  expect(full.headers()["content-length"]).toBe(String(size));
  expect(full.headers()["accept-ranges"]).toBe("bytes");
  expect(await full.body()).toEqual(take.bytes);

  const head = await request.head(url(), { headers });
  expect(head.status()).toBe(200);
  expect(head.headers()["content-length"]).toBe(String(size));
  expect((await head.body()).length).toBe(0);

  const unsatisfiable = await request.get(url(), { headers: { ...headers, range: `bytes=${size}-` } });
  expect(unsatisfiable.status()).toBe(416);
  expect(unsatisfiable.headers()["content-range"]).toBe(`bytes */${size}`);

  const etag = full.headers()["etag"]!;
  expect(etag).toMatch(/^"[^"]+"$/);
  const notModified = await request.get(url(), { headers: { ...headers, "if-none-match": etag } });
  expect(notModified.status()).toBe(304);
  const staleIfRange = await request.get(url(), { headers: { ...headers, range: "bytes=0-1", "if-range": '"stale"' } });
  expect(staleIfRange.status()).toBe(200);
  expect(await staleIfRange.body()).toEqual(take.bytes);
});

test("through nginx: download keeps the attachment name", async ({ request }) => {
  const response = await request.get(url("download"), { headers: { cookie: member.cookie, range: "bytes=0-1" } });
  expect(response.status()).toBe(206);
  expect(response.headers()["content-length"]).toBe("2");
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="Ferry - Take one.wav"');
});

test("refused callers get no byte, and a removed member is refused on the very next range request", async ({ request }) => {
  for (const [cookie, status] of [[undefined, 401], [stranger.cookie, 403]] as const) {
    const refused = await request.get(url(), { headers: { range: "bytes=0-1", ...(cookie ? { cookie } : {}) } });
    expect(refused.status()).toBe(status);
    expect(refused.headers()["content-type"]).toMatch(/^application\/json/);
    expect(refused.headers()["content-range"]).toBeUndefined();
    expect((await refused.body()).includes(Buffer.from("RIFF"))).toBe(false);
  }

  const bandmate = await seed.user("bandmate");
  await seed.addMember(take.bandId, bandmate);
  const before = await request.get(url(), { headers: { cookie: bandmate.cookie, range: "bytes=0-3" } });
  expect(before.status()).toBe(206);
  expect((await before.body()).toString("ascii")).toBe("RIFF");
  await seed.removeMember(take.bandId, bandmate);
  const after = await request.get(url(), { headers: { cookie: bandmate.cookie, range: "bytes=4-7" } });
  expect(after.status()).toBe(403);
  expect((await after.json()).error.reason).toBe("NOT_A_MEMBER");
});

test("the protected location cannot be reached from outside, and the app itself sends no audio", async ({ request }) => {
  for (const direct of [`/_protected_audio/${take.storageKey}`, "/_protected_audio/", `/_protected_audio/../${path.basename(take.file)}`]) {
    const response = await request.get(`${nginx.origin}${direct}`, { headers: { cookie: member.cookie } });
    expect(response.status(), direct).toBe(404);
    expect((await response.body()).includes(Buffer.from("RIFF"))).toBe(false);
  }
  // Straight to the app (bypassing nginx): a redirect for nginx and no body.
  const fromApp = await request.get(`${app.origin}/api/versions/${take.versionId}/stream`, { headers: { cookie: member.cookie }, maxRedirects: 0 });
  expect(fromApp.status()).toBe(200);
  expect(fromApp.headers()["x-accel-redirect"]).toBe(`/_protected_audio/${take.storageKey}`);
  expect((await fromApp.body()).length).toBe(0);
});
