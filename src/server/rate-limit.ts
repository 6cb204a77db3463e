import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/**
 * Abuse limits, counted in the database (model RateLimiterFlexible through
 * rate-limiter-flexible's Prisma store) so every app instance shares them. The
 * store increments with an atomic INSERT ... ON CONFLICT DO UPDATE. Each
 * feature names its limits (invite.rate-limits.ts, band.rate-limits.ts,
 * auth/sign-in.rate-limits.ts) on top of this.
 */

export type Limit = {
  /** Names the counter family in the table: keys are `<keyPrefix>:<key>`. */
  keyPrefix: string;
  points: number;
  /** Window in seconds, counted from the first point. */
  duration: number;
};

const limiters = new WeakMap<PrismaClient, Map<string, RateLimiterPrisma>>();

function limiterFor(db: PrismaClient, limit: Limit): RateLimiterPrisma {
  let byLimit = limiters.get(db);
  if (!byLimit) limiters.set(db, (byLimit = new Map()));
  const id = `${limit.keyPrefix}:${limit.points}:${limit.duration}`;
  let limiter = byLimit.get(id);
  if (!limiter) {
    // The client exposes the model as `rateLimiterFlexible` (the library's default names the model).
    limiter = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", ...limit });
    byLimit.set(id, limiter);
  }
  return limiter;
}

/** Takes one point, or says how long until the next one is free. Never throws for a spent limit. */
export async function takePoint(db: PrismaClient, limit: Limit, key: string): Promise<{ ok: true } | { ok: false; retrySeconds: number }> {
  try {
    await limiterFor(db, limit).consume(key);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retrySeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

/** Returns a point taken for an attempt that turned out not to count (a right password). */
export async function givePointBack(db: PrismaClient, limit: Limit, key: string): Promise<void> {
  await limiterFor(db, limit).reward(key, 1);
}

/** Takes one point, or throws 429 RATE_LIMITED with `message(retrySeconds)`. */
export async function consumeLimit(db: PrismaClient, limit: Limit, key: string, message: (retrySeconds: number) => string): Promise<void> {
  const taken = await takePoint(db, limit, key);
  if (!taken.ok) throw new AppError("TOO_MANY_REQUESTS", message(taken.retrySeconds), "RATE_LIMITED");
}

/** "in 1 minute", "in 14 minutes", "in 3 hours": how long a person has to wait, rounded up. */
export function retryIn(seconds: number): string {
  if (seconds < 90 * 60) {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  }
  const hours = Math.ceil(seconds / 3600);
  return `in ${hours} hours`;
}
