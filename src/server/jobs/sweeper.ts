import type { PrismaClient } from "@/generated/prisma/client";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import { enqueueProcessTake } from "./enqueue";
import { PROCESS_LONG_TAKE_QUEUE, PROCESS_TAKE_FAILED_QUEUE, PROCESS_TAKE_QUEUE } from "./queues";

/**
 * Takes waiting for processing with no live job in any of their queues: rows that
 * were inserted by a path that does not enqueue (older rows from before the
 * pipeline, seeds, another upload route) or whose job was lost. Each gets a
 * job; the queue's singleton key makes a race with a real enqueue harmless.
 * Returns how many were queued.
 */
export async function sweepOrphanedTakes(db: PrismaClient, { olderThanSeconds = 10, limit = 200 } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; durationSeconds: number | null; sizeBytes: bigint }[]>`
    SELECT v."id", v."durationSeconds", v."sizeBytes" FROM "Version" v
    WHERE v."processing" IN ('PENDING', 'PROCESSING')
      AND v."updatedAt" < now() - make_interval(secs => ${olderThanSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j.name IN (${PROCESS_TAKE_QUEUE}, ${PROCESS_LONG_TAKE_QUEUE}, ${PROCESS_TAKE_FAILED_QUEUE})
          AND j.data->>'versionId' = v."id"
          AND j.state < 'completed'
      )
    ORDER BY v."createdAt"
    LIMIT ${limit}`;
  for (const row of rows) {
    await db.$transaction((tx) =>
      enqueueProcessTake(tx, row.id, { timeLimitSeconds: processingTimeLimitSeconds({ durationSeconds: row.durationSeconds, sizeBytes: Number(row.sizeBytes) }) }),
    );
  }
  return rows.length;
}
