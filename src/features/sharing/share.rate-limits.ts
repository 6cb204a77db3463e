import type { PrismaClient } from "@/generated/prisma/client";
import { consumeLimit, givePointBack, retryIn, takePoint } from "@/server/rate-limit";
import { AppError } from "@/server/errors";

/** Abuse limits for share links (see src/server/rate-limit.ts for how they are counted). */
export const SHARE_LIMITS = {
  /** Wrong passwords one link accepts per 15 minutes, from anyone, on every instance. */
  wrongPasswordsPerLink: { keyPrefix: "share-password", points: 10, duration: 15 * 60 },
  /** Guest comments one link accepts per 10 minutes. */
  guestCommentsPerLink: { keyPrefix: "share-comment", points: 30, duration: 10 * 60 },
  /** Links one member may make per hour. */
  linksPerMemberPerHour: { keyPrefix: "share-create", points: 60, duration: 60 * 60 },
};

/**
 * Checks a password attempt under the link's budget. A point is taken before
 * the password is checked, so parallel guesses cannot slip past the limit, and
 * given back when the password was right: only wrong ones count.
 */
export async function withPasswordBudget(db: PrismaClient, shareId: string, check: () => Promise<boolean>): Promise<boolean> {
  const limit = SHARE_LIMITS.wrongPasswordsPerLink;
  const taken = await takePoint(db, limit, shareId);
  if (!taken.ok) throw new AppError("TOO_MANY_REQUESTS", `Too many wrong passwords for this link. Try again ${retryIn(taken.retrySeconds)}.`, "RATE_LIMITED");
  const right = await check();
  if (right) await givePointBack(db, limit, shareId);
  return right;
}

export function consumeGuestComment(db: PrismaClient, shareId: string): Promise<void> {
  const limit = SHARE_LIMITS.guestCommentsPerLink;
  return consumeLimit(db, limit, shareId, (s) => `This link has had many comments in a short time. Try again ${retryIn(s)}.`);
}

export function consumeShareCreate(db: PrismaClient, userId: string): Promise<void> {
  const limit = SHARE_LIMITS.linksPerMemberPerHour;
  return consumeLimit(db, limit, userId, (s) => `You have made ${limit.points} links in the last hour. Try again ${retryIn(s)}.`);
}
