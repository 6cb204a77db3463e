import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeAudioFile } from "@/test/audio-files";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { WORKER_START_ARGS } from "../../../scripts/worker-bundle.mjs";
import { enqueueProcessTake } from "./enqueue";
import { PROCESS_TAKE_QUEUES } from "./queues";

/**
 * The worker as `npm run worker` runs it (its bundle of scripts/worker.ts, its own process
 * group with its ffmpeg), killed with SIGKILL in the middle of a take: the job
 * stays in the database, pg-boss expires it and retries it, and a restarted
 * worker finishes the take. Short expiry and polling (send and worker options)
 * keep this to seconds.
 */
const t = databaseWithStorage("rehearsalhub-restart-");
const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-restart-files-"));
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

function startWorker(databaseUrl: string): ChildProcess {
  const child = spawn(process.execPath, [...WORKER_START_ARGS, "--maintenance-seconds", "1", "--poll-seconds", "0.5"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, STORAGE_DIR: t.storageDir, LOG_LEVEL: "warn", NODE_ENV: "test" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

it("a worker killed mid-job: the take is finished after a restart", { timeout: 180_000 }, async () => {
  const { band, owner } = await createBandWith(t.db);
  const song = await t.db.song.create({ data: { bandId: band.id, title: "Long one" } });
  const take = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id, bytes: fs.readFileSync(makeAudioFile(dir, "wav-16", 240)) });
  // The expiry must outlast one whole processing run on a busy machine, or the
  // restarted worker's own attempt expires too (and the take needs a third).
  await t.db.$transaction((tx) => enqueueProcessTake(tx, take.id, { timeLimitSeconds: 60, expireInSeconds: 30, retryDelay: 1 }));
  const state = () => t.db.version.findUniqueOrThrow({ where: { id: take.id }, select: { processing: true, processingAttempts: true } });

  const first = startWorker(t.url);
  const leftBehind = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`rehearsalhub-take-${first.pid}-`));
  // Mid-job: the take is claimed and its temp copy is being made or processed.
  await until("the first worker to start on the take", async () => ({ ...(await state()), temp: leftBehind().length }), (s) => s.processing === "PROCESSING" && s.temp === 1);
  process.kill(-first.pid!, "SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  expect((await state()).processing).toBe("PROCESSING");
  expect(leftBehind().length, "SIGKILL leaves the temp copy behind").toBe(1);

  const second = startWorker(t.url);
  const done = await until("the restarted worker to finish the take", state, (s) => s.processing === "READY" || s.processing === "FAILED", 120_000);
  expect(done).toEqual({ processing: "READY", processingAttempts: 2 });
  expect(leftBehind(), "the restarted worker removes a dead worker's temp files").toEqual([]);
  // pg-boss marks the job completed just after the handler returns.
  const jobs = await until(
    "the job to be completed",
    // Its processing job (the music analysis queued after it has a job of its own).
    () => t.db.$queryRaw<{ state: string; retry_count: number }[]>`SELECT state::text, retry_count FROM pgboss.job WHERE data->>'versionId' = ${take.id} AND name = ANY(${[...PROCESS_TAKE_QUEUES]})`,
    (rows) => rows.every((r) => r.state !== "active"),
    10_000,
  );
  expect(jobs).toEqual([{ state: "completed", retry_count: 1 }]);

  // SIGTERM stops an idle worker cleanly.
  second.kill("SIGTERM");
  const code = await new Promise((resolve) => second.once("exit", (c) => resolve(c)));
  expect(code).toBe(0);
});
