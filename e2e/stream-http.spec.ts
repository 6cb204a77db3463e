import { makeWav } from "../src/test/wav";
import { AudioSeed, type SeededTake, type SeededUser } from "./support/audio-seed";
import { expect, test } from "./support/fixtures";

/**
 * The audio routes over a real socket against the production build: every
 * 200, 206 and HEAD answer carries the exact Content-Length (Safari/iOS probe
 * with `Range: bytes=0-1` and will not seek without it).
 */
let seed: AudioSeed;
let member: SeededUser;
let stranger: SeededUser;
let take: SeededTake;

test.beforeAll(async () => {
  seed = new AudioSeed();
  member = await seed.user("listener");
  stranger = await seed.user("stranger");
  const bandId = await seed.band(member);
  take = await seed.take(bandId, member, makeWav({ seconds: 3, sampleRate: 22_050, channels: 1 }), {
    songTitle: "Nachtfähre",
    title: "Full band / slower",
    originalName: "Rehearsal 12.WAV",
  });
});
test.afterAll(async () => {
  await seed?.close();
});

for (const route of ["stream", "download"] as const) {
  test.describe(`/api/versions/[versionId]/${route}`, () => {
    const url = () => `/api/versions/${take.versionId}/${route}`;
    const size = () => take.bytes.length;

    test("200, 206, HEAD, bytes=0-1, 416 and 304 with the right Content-Length", async ({ request }) => {
      const headers = { cookie: member.cookie };
      const full = await request.get(url(), { headers });
      expect(full.status()).toBe(200);
      expect(full.headers()["content-length"]).toBe(String(size()));
      expect(full.headers()["transfer-encoding"]).toBeUndefined();
      expect(full.headers()["accept-ranges"]).toBe("bytes");
      expect(full.headers()["cache-control"]).toBe("private, no-cache");
      expect(full.headers()["x-content-type-options"]).toBe("nosniff");
      expect(full.headers()["content-type"]).toBe("audio/wav");
      expect(await full.body()).toEqual(take.bytes);

      const probe = await request.get(url(), { headers: { ...headers, range: "bytes=0-1" } });
      expect(probe.status()).toBe(206);
      expect(probe.headers()["content-length"]).toBe("2");
      expect(probe.headers()["content-range"]).toBe(`bytes 0-1/${size()}`);
      expect(await probe.body()).toEqual(take.bytes.subarray(0, 2));

      const start = 1 + Math.floor(Math.random() * (size() - 70_000));
      const end = start + Math.floor(Math.random() * 65_536);
      const partial = await request.get(url(), { headers: { ...headers, range: `bytes=${start}-${end}` } });
      expect(partial.status()).toBe(206);
      expect(partial.headers()["content-length"]).toBe(String(end - start + 1));
      expect(await partial.body()).toEqual(take.bytes.subarray(start, end + 1));

      const head = await request.head(url(), { headers });
      expect(head.status()).toBe(200);
      expect(head.headers()["content-length"]).toBe(String(size()));
      expect((await head.body()).length).toBe(0);
      const headRange = await request.head(url(), { headers: { ...headers, range: "bytes=0-1" } });
      expect(headRange.status()).toBe(206);
      expect(headRange.headers()["content-length"]).toBe("2");

      const unsatisfiable = await request.get(url(), { headers: { ...headers, range: `bytes=${size()}-` } });
      expect(unsatisfiable.status()).toBe(416);
      expect(unsatisfiable.headers()["content-range"]).toBe(`bytes */${size()}`);
      expect(unsatisfiable.headers()["content-length"]).toBe("0");

      // A 304 has no content; it may only repeat the 200's length, so none is sent.
      const notModified = await request.get(url(), { headers: { ...headers, "if-none-match": full.headers()["etag"]! } });
      expect(notModified.status()).toBe(304);
      expect(notModified.headers()["etag"]).toBe(full.headers()["etag"]);
      expect(notModified.headers()["content-length"]).toBeUndefined();
      expect((await notModified.body()).length).toBe(0);
    });

    test("refusals are JSON with their length, and carry no audio", async ({ request }) => {
      for (const [cookie, status, reason] of [[undefined, 401, null], [stranger.cookie, 403, "NOT_A_MEMBER"]] as const) {
        const refused = await request.get(url(), { headers: { range: "bytes=0-1", ...(cookie ? { cookie } : {}) } });
        expect(refused.status()).toBe(status);
        const body = await refused.body();
        expect(refused.headers()["content-length"]).toBe(String(body.length));
        expect(refused.headers()["content-range"]).toBeUndefined();
        expect(JSON.parse(body.toString("utf8")).error.reason).toBe(reason);
      }
      const unknown = await request.get(`/api/versions/not-a-take/${route}`, { headers: { cookie: member.cookie } });
      expect(unknown.status()).toBe(404);
    });
  });
}

test("download names the file after the song and take, keeping non-ASCII via filename*", async ({ request }) => {
  const response = await request.head(`/api/versions/${take.versionId}/download`, { headers: { cookie: member.cookie } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toBe(
    `attachment; filename="Nachtfahre - Full band slower.wav"; filename*=UTF-8''Nachtf%C3%A4hre%20-%20Full%20band%20slower.wav`,
  );
});
