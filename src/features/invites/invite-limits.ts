import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/**
 * Abuse limits for invites, counted in the database (model RateLimiterFlexible
 * through rate-limiter-flexible's Prisma store) so every app instance shares
 * them. The store increments with an atomic INSERT ... ON CONFLICT DO UPDATE.
 */
export const INVITE_LIMITS = {
  /** Invite emails (create + resend) one band may send per hour. */
  invitesPerBandPerHour: 30,
  /** Accept / decline / join attempts one user may make per minute. */
  acceptAttemptsPerUserPerMinute: 10,
};

type Limit = { keyPrefix: string; points: number; duration: number };

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

async function consume(db: PrismaClient, limit: Limit, key: string, message: (retrySeconds: number) => string): Promise<void> {
  try {
    await limiterFor(db, limit).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new AppError("TOO_MANY_REQUESTS", message(Math.max(1, Math.ceil(error.msBeforeNext / 1000))), "RATE_LIMITED");
    }
    throw error;
  }
}

export function consumeInviteSend(db: PrismaClient, bandId: string): Promise<void> {
  const limit = { keyPrefix: "invite-send", points: INVITE_LIMITS.invitesPerBandPerHour, duration: 60 * 60 };
  return consume(db, limit, bandId, (s) => `This band has sent ${limit.points} invites in the last hour. Try again in ${Math.ceil(s / 60)} minutes.`);
}

export function consumeAcceptAttempt(db: PrismaClient, userId: string): Promise<void> {
  const limit = { keyPrefix: "invite-answer", points: INVITE_LIMITS.acceptAttemptsPerUserPerMinute, duration: 60 };
  return consume(db, limit, userId, (s) => `Too many attempts. Please wait ${s} seconds and try again.`);
}
