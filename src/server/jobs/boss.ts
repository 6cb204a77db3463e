import PgBoss from "pg-boss";
import { isEmbeddedPostgresUrl } from "@/server/db/pool-size";
import { ANALYSE_TAKE_QUEUE, analyseTakeQueueOptions, DAILY_DIGEST_QUEUE, NOTIFY_DELIVERY_QUEUE, NOTIFY_QUEUE, notifyDeliveryQueueOptions, notifyQueueOptions, PROCESS_TAKE_FAILED_QUEUE, PROCESS_TAKE_QUEUES, processTakeQueueOptions } from "./queues";

export type BossOptions = {
  /** Seconds between pg-boss's maintenance runs (expiring lost jobs among them). */
  maintenanceIntervalSeconds?: number;
};

/**
 * A pg-boss instance on the app's database. PGlite is one backend: a worker
 * gets a pool of 2 there (polling and the job's own statements), 4 on a real
 * server; the app's own Prisma pool is separate.
 */
export function createBoss(databaseUrl: string, options: BossOptions = {}): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    max: isEmbeddedPostgresUrl(databaseUrl) ? 2 : 4,
    application_name: "rehearsalhub-jobs",
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Completed jobs are kept a week for inspection, then dropped by pg-boss.
    archiveCompletedAfterSeconds: 12 * 60 * 60,
    deleteAfterDays: 7,
  });
}

/** Creates the queues (idempotent); the worker and the schema installer both call it. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(PROCESS_TAKE_FAILED_QUEUE, { name: PROCESS_TAKE_FAILED_QUEUE, retryLimit: 5 });
  for (const name of PROCESS_TAKE_QUEUES) await boss.createQueue(name, { name, ...processTakeQueueOptions });
  await boss.createQueue(ANALYSE_TAKE_QUEUE, { name: ANALYSE_TAKE_QUEUE, ...analyseTakeQueueOptions });
  await boss.createQueue(NOTIFY_QUEUE, { name: NOTIFY_QUEUE, ...notifyQueueOptions });
  await boss.createQueue(NOTIFY_DELIVERY_QUEUE, { name: NOTIFY_DELIVERY_QUEUE, ...notifyDeliveryQueueOptions });
  // One digest run at a time: a second scheduled run waits for none, it is dropped.
  await boss.createQueue(DAILY_DIGEST_QUEUE, { name: DAILY_DIGEST_QUEUE, policy: "singleton", retryLimit: 2 });
}

/**
 * Installs or upgrades pg-boss's own schema and the queues, so that a take
 * can be enqueued inside the transaction that creates it, whether or not a
 * worker has ever run. Part of applying migrations.
 */
export async function installJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 1, supervise: false, schedule: false, application_name: "rehearsalhub-migrate" });
  boss.on("error", () => {});
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
