import type { PrismaClient } from "@/generated/prisma/client";
import { consumeLimit, retryIn } from "@/server/rate-limit";

/** Abuse limits for invites (see src/server/rate-limit.ts for how they are counted). */
export const INVITE_LIMITS = {
  /** Invite emails (create + resend) one band may send per hour. */
  invitesPerBandPerHour: 30,
  /**
   * Invite emails (create + resend) one person may send per day, across all
   * their bands: creating bands is cheap, so a per-band cap alone would let one
   * account mail a stranger from many bands.
   */
  invitesPerInviterPerDay: 200,
  /** Accept / decline / join attempts one user may make per minute. */
  acceptAttemptsPerUserPerMinute: 10,
};

/** One invite email: counts against the inviter's daily budget and the band's hourly one. */
export async function consumeInviteSend(db: PrismaClient, { bandId, inviterId }: { bandId: string; inviterId: string }): Promise<void> {
  const perInviter = { keyPrefix: "invite-send-by", points: INVITE_LIMITS.invitesPerInviterPerDay, duration: 24 * 60 * 60 };
  await consumeLimit(db, perInviter, inviterId, (s) => `You have sent ${perInviter.points} invites today. Try again ${retryIn(s)}.`);
  const perBand = { keyPrefix: "invite-send", points: INVITE_LIMITS.invitesPerBandPerHour, duration: 60 * 60 };
  await consumeLimit(db, perBand, bandId, (s) => `This band has sent ${perBand.points} invites in the last hour. Try again ${retryIn(s)}.`);
}

export function consumeAcceptAttempt(db: PrismaClient, userId: string): Promise<void> {
  const limit = { keyPrefix: "invite-answer", points: INVITE_LIMITS.acceptAttemptsPerUserPerMinute, duration: 60 };
  return consumeLimit(db, limit, userId, (s) => `Too many attempts. Please wait ${s} seconds and try again.`);
}
