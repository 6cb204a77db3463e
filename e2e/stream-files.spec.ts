import net from "node:net";
import { makeWav } from "../src/test/wav";
import { AudioSeed, e2eStorageDir, type SeededTake, type SeededUser } from "./support/audio-seed";
import { openFilesUnder, startExtraInstance, type Instance } from "./support/extra-instance";
import { expect, test } from "./support/fixtures";

/**
 * Clients that hang up early must not leave the take's file open. Drives a
 * freshly spawned instance (so the test knows its pid) over raw sockets,
 * dropping hundreds of connections at different moments, then counts the
 * server's open descriptors on audio files in /proc/<pid>/fd.
 */
const port = Number(process.env.E2E_PORT ?? 3100) + 11;

let app: Instance;
let seed: AudioSeed;
let member: SeededUser;
let take: SeededTake;

test.beforeAll(async () => {
  seed = new AudioSeed();
  member = await seed.user("listener");
  const bandId = await seed.band(member);
  take = await seed.take(bandId, member, makeWav({ seconds: 60, sampleRate: 44_100, channels: 2 })); // ~10 MB
  app = await startExtraInstance(port);
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.close();
});

type Moment = "at-once" | "before-response" | "after-headers" | "mid-body" | "complete";

/** One request over a raw socket, dropped at `moment`. Resolves once the socket is gone. */
function requestAndDrop(path: string, headers: Record<string, string>, moment: Moment): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const head = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "Connection: close", "", ""].join("\r\n");
    let received = 0;
    let headerEnd = -1;
    let buffered = Buffer.alloc(0);
    const bodyBudget = 64 * 1024 + Math.floor(Math.random() * 1024 * 1024);
    socket.on("error", () => {});
    socket.on("close", () => resolve());
    socket.on("connect", () => {
      socket.write(head, () => {
        if (moment === "at-once") socket.destroy();
        else if (moment === "before-response") setTimeout(() => socket.destroy(), Math.random() * 3);
      });
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (headerEnd < 0) {
        buffered = Buffer.concat([buffered, chunk]);
        headerEnd = buffered.indexOf("\r\n\r\n");
        if (headerEnd >= 0 && moment === "after-headers") return socket.destroy();
      }
      if (moment === "mid-body" && headerEnd >= 0 && received - headerEnd > bodyBudget) socket.destroy();
    });
  });
}

test("dropped connections leave no audio file open on the server", async ({ request }) => {
  test.setTimeout(120_000);
  const path = `/api/versions/${take.versionId}/stream`;
  const size = take.bytes.length;
  // Sanity: the spawned instance serves this take.
  const ok = await request.get(`http://127.0.0.1:${port}${path}`, { headers: { cookie: member.cookie, range: "bytes=0-3" } });
  expect(ok.status()).toBe(206);
  expect(openFilesUnder(app.pid, e2eStorageDir)).toEqual([]);

  const moments: Moment[] = ["at-once", "before-response", "after-headers", "mid-body", "complete"];
  const ranges = [
    () => null,
    () => "bytes=0-",
    () => {
      const start = Math.floor(Math.random() * (size / 2));
      return `bytes=${start}-${start + 256 * 1024 + Math.floor(Math.random() * 4 * 1024 * 1024)}`;
    },
  ];
  const jobs: (() => Promise<void>)[] = [];
  for (let i = 0; i < 300; i++) {
    const moment = moments[i % moments.length]!;
    // Completed requests only where the body is small enough to read quickly.
    const range = moment === "complete" ? `bytes=${i}-${i + 70_000}` : ranges[i % ranges.length]!();
    jobs.push(() => requestAndDrop(path, { cookie: member.cookie, ...(range ? { range } : {}) }, moment));
  }
  // 16 at a time, like a handful of players seeking hard.
  const workers = Array.from({ length: 16 }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  });
  await Promise.all(workers);

  await expect
    .poll(() => openFilesUnder(app.pid, e2eStorageDir).length, { timeout: 5_000, message: "open descriptors on audio files after every client left" })
    .toBe(0);
  const after = await request.get(`http://127.0.0.1:${port}${path}`, { headers: { cookie: member.cookie, range: "bytes=0-3" } });
  expect(after.status()).toBe(206);
  expect(await after.body()).toEqual(take.bytes.subarray(0, 4));
});
