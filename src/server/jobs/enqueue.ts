import PgBoss from "pg-boss";
import type { Prisma } from "@/generated/prisma/client";
import {
  ANALYSE_TAKE_QUEUE,
  NOTIFY_DELIVERY_QUEUE,
  NOTIFY_QUEUE,
  expireInSecondsFor,
  notifyDeliveryKey,
  processQueueFor,
  type AnalyseTakeJob,
  type NotifyDeliveryJob,
  type NotifyJob,
  type ProcessTakeJob,
} from "./queues";

type Sql = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

// Only pg-boss's SQL is used here (the statements run on the caller's
// transaction), so this instance never opens a connection of its own.
let sender: PgBoss | undefined;
const boss = () => (sender ??= new PgBoss({ connectionString: "postgres://unused", max: 1 }));

/**
 * Queues processing for a take, inside the caller's transaction: the job
 * exists exactly when the row does (a rolled-back upload leaves no job, a
 * committed one is never without its job). pg-boss accepts any executor for
 * send; this one is the Prisma transaction. Long takes go to a line of their
 * own (processQueueFor).
 */
export async function enqueueProcessTake(
  tx: Sql,
  versionId: string,
  { timeLimitSeconds, ...overrides }: { timeLimitSeconds: number } & Pick<PgBoss.SendOptions, "expireInSeconds" | "retryDelay">,
): Promise<string | null> {
  const data: ProcessTakeJob = { versionId };
  return boss().send(processQueueFor(timeLimitSeconds), data, {
    expireInSeconds: expireInSecondsFor(timeLimitSeconds),
    // Tests make a lost job come back in seconds instead of minutes.
    ...overrides,
    singletonKey: versionId,
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

/**
 * Queues mail about a change, inside the transaction that makes the change:
 * nobody hears of a take or a comment that was rolled back, and a committed
 * one is never without its job.
 */
export async function enqueueNotify(tx: Sql, data: NotifyJob): Promise<string | null> {
  return boss().send(NOTIFY_QUEUE, data, {
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

/**
 * Queues one person's reply or mention mail to go out in `startAfterSeconds`.
 * When one is already waiting for them, this adds nothing (null): the waiting
 * one sends everything still unsent when it runs.
 */
export async function enqueueNotifyDelivery(sql: Sql, data: NotifyDeliveryJob, startAfterSeconds: number): Promise<string | null> {
  return boss().send(NOTIFY_DELIVERY_QUEUE, data, {
    singletonKey: notifyDeliveryKey(data),
    startAfter: Math.max(0, Math.ceil(startAfterSeconds)),
    db: { executeSql: async (text, values) => ({ rows: await sql.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

/**
 * Queues the music analysis of a processed take, inside the caller's
 * transaction (the one that marks its analysis PENDING). The singleton key is
 * the take, so two workers or a retry never queue it twice.
 */
export async function enqueueAnalyseTake(tx: Sql, versionId: string, { timeLimitSeconds }: { timeLimitSeconds: number }): Promise<string | null> {
  const data: AnalyseTakeJob = { versionId };
  return boss().send(ANALYSE_TAKE_QUEUE, data, {
    expireInSeconds: expireInSecondsFor(timeLimitSeconds),
    singletonKey: versionId,
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}
