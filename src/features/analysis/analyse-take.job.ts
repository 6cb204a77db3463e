import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type PgBoss from "pg-boss";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { analyseInChildProcess } from "./analysis-process";
import { log } from "@/server/log";
import { demuxerFor } from "@/server/media/input-format";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import type { MediaTools } from "@/server/media/tools";
import type { StorageDriver } from "@/server/storage";
import { enqueueAnalyseTake } from "@/server/jobs/enqueue";
import { ANALYSE_TAKE_QUEUE, type AnalyseTakeJob } from "@/server/jobs/queues";

export type AnalyseDeps = { db: PrismaClient; storage: StorageDriver; tools: MediaTools; signal?: AbortSignal; tmpRoot?: string };

const TEMP_PREFIX = "rehearsalhub-take-";

/** How long analysing a take may take: its processing limit (a minute plus half its length) again. */
export function analysisTimeLimitSeconds(take: { durationSeconds: number | null; sizeBytes: number }): number {
  return processingTimeLimitSeconds(take);
}

/**
 * Marks a processed take's analysis PENDING and queues it, in one
 * transaction: a take processed again (a retry) is analysed again.
 */
export async function requestAnalysis(db: PrismaClient, versionId: string): Promise<void> {
  const take = await db.version.findUnique({ where: { id: versionId }, select: { bandId: true, durationSeconds: true, sizeBytes: true } });
  if (!take) return;
  await db.$transaction(async (tx) => {
    await tx.takeAnalysis.upsert({
      where: { versionId },
      create: { versionId, bandId: take.bandId, state: "PENDING" },
      update: { state: "PENDING", reason: null },
    });
    await enqueueAnalyseTake(tx, versionId, { timeLimitSeconds: analysisTimeLimitSeconds({ durationSeconds: take.durationSeconds, sizeBytes: Number(take.sizeBytes) }) });
  });
}

/**
 * Takes whose analysis was never queued or was lost, queued at worker start,
 * at most `limit` of each kind per call:
 * - processed before analysis existed (READY, no analysis row): the row is
 *   inserted only where none exists and the job only where the insert
 *   happened, so two workers starting together queue each take once;
 * - PENDING or RUNNING with no live job (a worker killed on the last
 *   attempt): back to PENDING with a new job (the queue's singleton key keeps
 *   it to one).
 */
export async function backfillTakeAnalyses(db: PrismaClient, { limit = 200, olderThanSeconds = 60 } = {}): Promise<number> {
  const missing = await db.$queryRaw<{ id: string; bandId: string; durationSeconds: number | null; sizeBytes: bigint }[]>`
    SELECT v."id", v."bandId", v."durationSeconds", v."sizeBytes" FROM "Version" v
    WHERE v."processing" = 'READY'
      AND NOT EXISTS (SELECT 1 FROM "TakeAnalysis" a WHERE a."versionId" = v."id")
    ORDER BY v."createdAt"
    LIMIT ${limit}`;
  let queued = 0;
  for (const row of missing) {
    const inserted = await db.$transaction(async (tx: Prisma.TransactionClient) => {
      const created = await tx.takeAnalysis.createMany({ data: [{ versionId: row.id, bandId: row.bandId, state: "PENDING" }], skipDuplicates: true });
      if (created.count === 0) return false;
      await enqueueAnalyseTake(tx, row.id, { timeLimitSeconds: analysisTimeLimitSeconds({ durationSeconds: row.durationSeconds, sizeBytes: Number(row.sizeBytes) }) });
      return true;
    });
    if (inserted) queued++;
  }
  const lost = await db.$queryRaw<{ id: string; durationSeconds: number | null; sizeBytes: bigint }[]>`
    SELECT v."id", v."durationSeconds", v."sizeBytes" FROM "TakeAnalysis" a JOIN "Version" v ON v."id" = a."versionId"
    WHERE v."processing" = 'READY'
      AND a."state" IN ('PENDING', 'RUNNING')
      AND a."updatedAt" < now() - make_interval(secs => ${olderThanSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j.name = ${ANALYSE_TAKE_QUEUE} AND j.data->>'versionId' = a."versionId" AND j.state < 'completed'
      )
    ORDER BY a."updatedAt"
    LIMIT ${limit}`;
  for (const row of lost) {
    await db.$transaction(async (tx: Prisma.TransactionClient) => {
      await tx.takeAnalysis.update({ where: { versionId: row.id }, data: { state: "PENDING" } });
      await enqueueAnalyseTake(tx, row.id, { timeLimitSeconds: analysisTimeLimitSeconds({ durationSeconds: row.durationSeconds, sizeBytes: Number(row.sizeBytes) }) });
    });
    queued++;
  }
  return queued;
}

/**
 * One attempt at an analyse-take job: the take's original (the band's own
 * file, at its full quality) is copied to a temp file and analysed; the row
 * goes RUNNING, then READY with the summary and the whole analysis, or ABSENT
 * with a sentence for people when there is no music to understand or the
 * last attempt failed. The take itself is never touched: it plays whatever
 * happens here.
 */
export async function runAnalyseTakeJob(job: PgBoss.JobWithMetadata<AnalyseTakeJob>, deps: AnalyseDeps): Promise<void> {
  const { versionId } = job.data;
  const take = await deps.db.version.findUnique({
    where: { id: versionId },
    select: { storageKey: true, sizeBytes: true, contentType: true, durationSeconds: true, processing: true },
  });
  if (!take || take.processing !== "READY") return;
  const claimed = await deps.db.takeAnalysis.updateMany({ where: { versionId }, data: { state: "RUNNING" } });
  if (claimed.count === 0) return;

  const size = Number(take.sizeBytes);
  const demuxer = demuxerFor(take.contentType);
  if (size === 0 || !demuxer) return markAbsent(deps.db, versionId, "The file holds no audio to analyse.");

  const started = Date.now();
  const dir = await mkdtemp(path.join(deps.tmpRoot ?? os.tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  try {
    const original = path.join(dir, "original");
    await pipeline(deps.storage.openRange(take.storageKey, 0, size - 1), createWriteStream(original));
    const outcome = await analyseInChildProcess(original, {
      ffmpegPath: deps.tools.ffmpeg.path,
      demuxer,
      sizeBytes: size,
      timeLimitMs: analysisTimeLimitSeconds({ durationSeconds: take.durationSeconds, sizeBytes: size }) * 1000,
      signal: deps.signal,
    });
    if (outcome.kind === "none") {
      await markAbsent(deps.db, versionId, outcome.reason);
      log().info({ versionId, reason: outcome.reason, ms: Date.now() - started }, "a take has no music to analyse");
      return;
    }
    const { analysis } = outcome;
    await deps.db.takeAnalysis.updateMany({
      where: { versionId },
      data: {
        state: "READY",
        reason: null,
        bpm: analysis.bpm,
        keyLabel: analysis.key.label,
        keyConfidence: analysis.key.confidence,
        data: analysis,
        analysedAt: new Date(),
      },
    });
    log().info({ versionId, bpm: analysis.bpm, key: analysis.key.label, ms: Date.now() - started }, "analysed a take");
  } catch (error) {
    const last = job.retryCount >= job.retryLimit;
    log().error({ err: error, versionId, attempt: job.retryCount + 1, of: job.retryLimit + 1 }, "analysing a take failed");
    if (last) return markAbsent(deps.db, versionId, "The analysis did not finish (it failed or ran out of time). The take plays as usual.");
    await deps.db.takeAnalysis.updateMany({ where: { versionId, state: "RUNNING" }, data: { state: "PENDING" } });
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function markAbsent(db: PrismaClient, versionId: string, reason: string): Promise<void> {
  await db.takeAnalysis.updateMany({ where: { versionId }, data: { state: "ABSENT", reason: reason.slice(0, 500), bpm: null, keyLabel: null, keyConfidence: null, data: Prisma.DbNull, analysedAt: new Date() } });
}
