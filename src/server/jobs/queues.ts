/**
 * The job queues and how their jobs retry. pg-boss keeps them in the app's own
 * PostgreSQL (schema "pgboss"), so a job is as durable as the row it is about.
 */
export const PROCESS_TAKE_QUEUE = "process-take";
/**
 * Long takes wait in a line of their own, with a worker slot of their own, so
 * an hour-long rehearsal (or a file that takes long for any reason) never holds
 * up the short takes of every other band: each worker process works both lines.
 */
export const PROCESS_LONG_TAKE_QUEUE = "process-take-long";
/** Both lines of takes, for whatever looks across them. */
export const PROCESS_TAKE_QUEUES = [PROCESS_TAKE_QUEUE, PROCESS_LONG_TAKE_QUEUE] as const;
/**
 * A take is long when processing it may run longer than a ten-minute take
 * does (its time limit: a minute plus half its length, the length bounded by
 * its bytes, so a header cannot talk a take into the short line or out of it
 * for more than its size allows).
 */
export const LONG_TAKE_TIME_LIMIT_SECONDS = 60 + 600 / 2;

export function processQueueFor(timeLimitSeconds: number): (typeof PROCESS_TAKE_QUEUES)[number] {
  return timeLimitSeconds > LONG_TAKE_TIME_LIMIT_SECONDS ? PROCESS_LONG_TAKE_QUEUE : PROCESS_TAKE_QUEUE;
}
/** Where pg-boss moves a process-take job that failed its last attempt (including a worker killed mid-job). */
export const PROCESS_TAKE_FAILED_QUEUE = "process-take-failed";

export type ProcessTakeJob = { versionId: string };

/** Attempts in all: the first plus retries. */
export const PROCESS_TAKE_ATTEMPTS = 3;

export const processTakeQueueOptions = {
  // At most one queued and one running job per take (the singleton key is the
  // take's id), so a sweep that enqueues again is harmless.
  policy: "stately",
  // Retries wait about 30 s, then 60 s (exponential with jitter).
  retryLimit: PROCESS_TAKE_ATTEMPTS - 1,
  retryDelay: 30,
  retryBackoff: true,
  deadLetter: PROCESS_TAKE_FAILED_QUEUE,
} as const;

/**
 * How long a job may stay active before pg-boss counts it as failed (a worker
 * killed mid-job leaves it active): the take's own time limit plus a margin.
 * pg-boss has no heartbeat, so this is how a lost job comes back.
 */
export function expireInSecondsFor(timeLimitSeconds: number): number {
  return Math.ceil(timeLimitSeconds) + 60;
}

/** Mail about something that happened in a band (a take, a reply, a mention), sent after its row is committed. */
export const NOTIFY_QUEUE = "notify";
export type NotifyJob =
  | { kind: "take"; versionId: string }
  | { kind: "reply"; commentId: string; parentId: string }
  | { kind: "mention"; commentId: string; userIds: string[] };
export const notifyQueueOptions = { retryLimit: 4, retryDelay: 30, retryBackoff: true } as const;

/**
 * One person's reply or mention mail: everything of that kind not yet mailed
 * to them, in one mail. The singleton key is the person and the kind, and
 * "stately" keeps at most one such job waiting (and one running) per key, so
 * a burst of comments queues one delivery, not one per comment.
 */
export const NOTIFY_DELIVERY_QUEUE = "notify-delivery";
export type NotifyDeliveryJob = { userId: string; category: "REPLIES" | "MENTIONS" };
export const notifyDeliveryQueueOptions = { policy: "stately", retryLimit: 4, retryDelay: 30, retryBackoff: true } as const;
export const notifyDeliveryKey = (job: NotifyDeliveryJob) => `${job.category}:${job.userId}`;

/** The daily digest, run by pg-boss's scheduler once a day (cron, UTC). */
export const DAILY_DIGEST_QUEUE = "daily-digest";
export const DAILY_DIGEST_CRON = "0 7 * * *";

/**
 * The music analysis of a processed take (tempo, beats, key, chords): its own
 * line, after processing, so a take plays before it is understood. One
 * queued and one running job per take (singleton key: the take's id).
 */
export const ANALYSE_TAKE_QUEUE = "analyse-take";
export type AnalyseTakeJob = { versionId: string };
export const analyseTakeQueueOptions = { policy: "stately", retryLimit: 1, retryDelay: 60, retryBackoff: true } as const;
