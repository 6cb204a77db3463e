import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/generated/prisma/client";
import { log } from "@/server/log";
import { removeAbandonedTempDirs } from "@/server/media/process-take";
import { mediaToolsWarning } from "@/server/media/tool-location";
import { mediaTools, type MediaTools } from "@/server/media/tools";
import type { StorageDriver } from "@/server/storage";
import { createBoss, ensureQueues, type BossOptions } from "@/server/jobs/boss";
import { runProcessTakeFailedJob, runProcessTakeJob } from "@/server/jobs/process-take.job";
import { backfillTakeAnalyses, requestAnalysis, runAnalyseTakeJob } from "@/features/analysis/analyse-take.job";
import { runDailyDigest } from "@/features/notifications/daily-digest";
import { runNotifyDeliveryJob, runNotifyJob, type NotifyDeps } from "@/features/notifications/notify.job";
import {
  ANALYSE_TAKE_QUEUE,
  DAILY_DIGEST_CRON,
  DAILY_DIGEST_QUEUE,
  NOTIFY_DELIVERY_QUEUE,
  NOTIFY_QUEUE,
  PROCESS_LONG_TAKE_QUEUE,
  PROCESS_TAKE_FAILED_QUEUE,
  PROCESS_TAKE_QUEUE,
  type AnalyseTakeJob,
  type NotifyDeliveryJob,
  type NotifyJob,
  type ProcessTakeJob,
} from "@/server/jobs/queues";
import { sweepOrphanedTakes } from "@/server/jobs/sweeper";

export type WorkerOptions = BossOptions & {
  databaseUrl: string;
  db: PrismaClient;
  storage: StorageDriver;
  concurrency?: number;
  tools?: MediaTools;
  pollingIntervalSeconds?: number;
  sweepIntervalSeconds?: number;
  /** How long stop() lets a running take finish before releasing it to pg-boss. */
  stopGraceSeconds?: number;
};

export type RunningWorker = { boss: PgBoss; stop(): Promise<void> };

const NOTIFY_BATCH_SIZE = 25;

/**
 * The mail workers: one notify job per change, then one grouped delivery per
 * person and kind. Notify jobs are taken in batches (pg-boss waits a polling
 * interval between fetches), so a burst of comments is recorded well within
 * the delivery's settle time and lands in one mail. A failed job fails its
 * batch; every notify job is safe to run again.
 */
export async function workNotifyQueues(boss: PgBoss, deps: NotifyDeps, pollingIntervalSeconds: number): Promise<void> {
  await boss.work<NotifyJob>(NOTIFY_QUEUE, { pollingIntervalSeconds, batchSize: NOTIFY_BATCH_SIZE }, async (jobs) => {
    for (const job of jobs) await runNotifyJob(job.data, deps);
  });
  await boss.work<NotifyDeliveryJob>(NOTIFY_DELIVERY_QUEUE, { pollingIntervalSeconds }, async ([job]) => {
    if (job) await runNotifyDeliveryJob(job.data, deps);
  });
}

/**
 * Starts the media workers in this process: pg-boss on the app's database,
 * `concurrency` short takes at a time and one long take beside them, the
 * mail queues, and a sweep that re-enqueues any PENDING take without a job
 * (belt and braces: enqueueing happens in the upload's own transaction). stop() stops taking jobs, lets the current ones finish for
 * a grace period, then aborts them (ffmpeg killed) and hands them back to
 * pg-boss, which retries them.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const tools = options.tools ?? mediaTools();
  log().info(
    { ffmpeg: tools.ffmpeg.path, ffmpegVersion: tools.ffmpeg.version, ffmpegFrom: tools.ffmpeg.source, ffprobe: tools.ffprobe?.path ?? null, ffprobeVersion: tools.ffprobe?.version ?? null },
    "media worker: using ffmpeg " + tools.ffmpeg.version + " (" + tools.ffmpeg.source + ")",
  );
  const toolsWarning = mediaToolsWarning(tools.ffmpeg, tools.ffprobe);
  if (toolsWarning) log().warn({ ffmpeg: tools.ffmpeg.path, ffprobe: tools.ffprobe?.path ?? null }, `SECURITY: ${toolsWarning}`);
  const abandoned = await removeAbandonedTempDirs();
  if (abandoned) log().info({ dirs: abandoned }, "removed temp files of workers that were killed");
  const boss = createBoss(options.databaseUrl, options);
  boss.on("error", (error) => log().error({ err: error }, "job queue error"));
  await boss.start();
  await ensureQueues(boss);

  const aborter = new AbortController();
  const deps = { db: options.db, storage: options.storage, tools, signal: aborter.signal };
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const concurrency = options.concurrency ?? 1;
  const processOne = async ([job]: PgBoss.JobWithMetadata<ProcessTakeJob>[]) => {
    if (job) await runProcessTakeJob(job, { ...deps, afterProcessed: (versionId) => requestAnalysis(options.db, versionId) });
  };
  for (let i = 0; i < concurrency; i++) {
    await boss.work<ProcessTakeJob>(PROCESS_TAKE_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds }, processOne);
  }
  // Long takes have a slot of their own: one at a time per worker process, beside the short ones.
  await boss.work<ProcessTakeJob>(PROCESS_LONG_TAKE_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds }, processOne);
  await boss.work<ProcessTakeJob>(PROCESS_TAKE_FAILED_QUEUE, { pollingIntervalSeconds }, async ([job]) => {
    if (job) await runProcessTakeFailedJob(job, options.db);
  });

  // Music analysis: one take at a time per worker process, after processing.
  await boss.work<AnalyseTakeJob>(ANALYSE_TAKE_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    if (job) await runAnalyseTakeJob(job, deps);
  });
  void backfillTakeAnalyses(options.db)
    .then((n) => n && log().info({ takes: n }, "queued the analysis of takes processed before it existed"))
    .catch((error: unknown) => log().error({ err: error }, "queueing analyses of older takes failed"));

  await workNotifyQueues(boss, { db: options.db }, pollingIntervalSeconds);
  // pg-boss's scheduler (one instance wins each minute, across workers) sends the digest job daily.
  await boss.schedule(DAILY_DIGEST_QUEUE, DAILY_DIGEST_CRON, {}, { tz: "UTC" });
  await boss.work(DAILY_DIGEST_QUEUE, { pollingIntervalSeconds }, async () => {
    await runDailyDigest({ db: options.db });
  });

  const sweep = () =>
    sweepOrphanedTakes(options.db).catch((error: unknown) => {
      log().error({ err: error }, "sweeping for takes without a job failed");
      return 0;
    });
  void sweep().then((n) => n && log().info({ takes: n }, "queued takes that had no job"));
  const sweeper = setInterval(() => void sweep(), (options.sweepIntervalSeconds ?? 60) * 1000);
  sweeper.unref();

  let stopping: Promise<void> | undefined;
  return {
    boss,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(sweeper);
        const grace = (options.stopGraceSeconds ?? 20) * 1000;
        const abortLater = setTimeout(() => aborter.abort(), grace);
        // pg-boss waits for running handlers (up to its timeout), then fails
        // whatever is left so that it is retried.
        await boss.stop({ graceful: true, wait: true, timeout: grace + 5_000 });
        clearTimeout(abortLater);
      })()),
  };
}
