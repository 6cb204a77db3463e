import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/generated/prisma/client";
import { log } from "@/server/log";
import { processTake, UnprocessableMedia, type ProcessDeps } from "@/server/media/process-take";
import { PROCESS_TAKE_ATTEMPTS, type ProcessTakeJob } from "./queues";

export const STOPPED_REPEATEDLY =
  "Processing stopped before it finished, several times (the worker was restarted or ran out of time). Retry, or upload the file again.";

/**
 * One attempt at a process-take job. The take's row says where it is:
 * PROCESSING while a worker has it; READY with what was made; FAILED with a
 * sentence for people when the file cannot be processed (no retry: it would
 * fail the same way) or when the last attempt failed. Other errors (storage,
 * database, a time limit) are rethrown, so pg-boss retries with backoff.
 */
export async function runProcessTakeJob(
  job: PgBoss.JobWithMetadata<ProcessTakeJob>,
  deps: ProcessDeps & { afterProcessed?: (versionId: string) => Promise<void> },
): Promise<void> {
  const { versionId } = job.data;
  const claimed = await deps.db.version.updateMany({
    where: { id: versionId, processing: { in: ["PENDING", "PROCESSING"] } },
    data: { processing: "PROCESSING", processingAttempts: { increment: 1 } },
  });
  // Deleted, or already READY/FAILED (a duplicate job): nothing to do.
  if (claimed.count === 0) return;

  const started = Date.now();
  try {
    const result = await processTake(versionId, deps);
    // Playable now; what follows (the music analysis) is queued by the worker's composition.
    if (result === "done" && deps.afterProcessed) {
      await deps.afterProcessed(versionId).catch((error: unknown) => {
        // The take is READY and plays either way.
        log().error({ err: error, versionId }, "what follows processing could not be queued");
      });
    }
    log().info({ versionId, result, ms: Date.now() - started, attempt: job.retryCount + 1 }, "processed a take");
  } catch (error) {
    if (error instanceof UnprocessableMedia) {
      await markFailed(deps.db, versionId, error.message);
      log().warn({ versionId, reason: error.message }, "a take cannot be processed");
      return;
    }
    const last = job.retryCount >= job.retryLimit;
    log().error({ err: error, versionId, attempt: job.retryCount + 1, of: job.retryLimit + 1 }, "processing a take failed");
    if (last) {
      await markFailed(deps.db, versionId, `Processing failed ${PROCESS_TAKE_ATTEMPTS} times (${readable(error)}). Retry, or upload the file again.`);
      return;
    }
    // Back in line; pg-boss runs it again after a backoff.
    await deps.db.version.updateMany({ where: { id: versionId, processing: "PROCESSING" }, data: { processing: "PENDING" } });
    throw error;
  }
}

/** For a job pg-boss gave up on without our handler seeing the end (a worker killed on the last attempt). */
export async function runProcessTakeFailedJob(job: PgBoss.Job<ProcessTakeJob>, db: PrismaClient): Promise<void> {
  await markFailed(db, job.data.versionId, STOPPED_REPEATEDLY);
}

async function markFailed(db: PrismaClient, versionId: string, reason: string): Promise<void> {
  await db.version.updateMany({
    where: { id: versionId, processing: { in: ["PENDING", "PROCESSING"] } },
    data: { processing: "FAILED", processingError: reason.slice(0, 500) },
  });
}

function readable(error: unknown): string {
  if (error instanceof Error && error.name === "ToolError") return `ffmpeg ${error.message}`;
  return "an internal error";
}
