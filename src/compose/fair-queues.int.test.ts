import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getStorage } from "@/server/storage";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { enqueueProcessTake } from "@/server/jobs/enqueue";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import { startWorker, type RunningWorker } from "./worker-jobs";

/**
 * One worker, one long take queued first, one short take of another band
 * queued after it: the short one is processed beside the long one, not after it.
 */
const t = databaseWithStorage("rehearsalhub-fair-");
let dir: string;
let worker: RunningWorker | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-fair-files-"));
});
afterAll(async () => {
  await worker?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A real MP3 of `seconds` of a tone (mono, 8 kHz, 16 kb/s: small, but `seconds` long to decode). */
function mp3(name: string, seconds: number): Buffer {
  const file = path.join(dir, name);
  execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", `sine=frequency=330:beep_factor=4:duration=${seconds}:sample_rate=8000`, "-c:a", "libmp3lame", "-b:a", "16k", file]);
  return fs.readFileSync(file);
}

async function queued(songTitle: string, bytes: Buffer, durationSeconds: number) {
  const { band, owner } = await createBandWith(t.db);
  const song = await t.db.song.create({ data: { bandId: band.id, title: songTitle } });
  const take = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id, bytes, contentType: "audio/mpeg", durationSeconds });
  await t.db.$transaction((tx) => enqueueProcessTake(tx, take.id, { timeLimitSeconds: processingTimeLimitSeconds({ durationSeconds, sizeBytes: bytes.length }) }));
  return take;
}

it("a short take of another band is not held up behind a long one", { timeout: 120_000 }, async () => {
  const long = await queued("The long one", mp3("long.mp3", 900), 900);
  const short = await queued("The short one", mp3("short.mp3", 2), 2);

  worker = await startWorker({ databaseUrl: t.url, db: t.db, storage: getStorage(), concurrency: 1, pollingIntervalSeconds: 0.5 });

  const done = async () => t.db.version.findMany({ where: { id: { in: [long.id, short.id] } }, select: { id: true, processing: true, processedAt: true } });
  const deadline = Date.now() + 100_000;
  let rows = await done();
  while (!rows.every((r) => r.processing === "READY") && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    rows = await done();
  }
  const at = (id: string) => rows.find((r) => r.id === id)!;
  expect(at(long.id).processing).toBe("READY");
  expect(at(short.id).processing).toBe("READY");
  // With one line, the short take could only start once the long one was done.
  expect(at(short.id).processedAt!.getTime()).toBeLessThan(at(long.id).processedAt!.getTime());
});
