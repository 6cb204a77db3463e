import type { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { takePoint, type Limit } from "@/server/rate-limit";

/**
 * How many sign-in emails may go out, counted in the database like every other
 * limit. Per address, so nobody can flood one mailbox with links; per client
 * address, so one client cannot spray many mailboxes. Both are taken before a
 * token is made, and the answer is the same whether or not an account exists.
 */
export const SIGN_IN_LIMITS = {
  perAddress: { points: 5, minutes: 15 },
};

/** Which cap refused: the client's (many addresses from one device or network) or the address's own. */
export type SignInLimitHit = "client" | "address";
export type SignInMailVerdict = { ok: true } | { ok: false; limit: SignInLimitHit; retryMinutes: number };

export async function takeSignInMail(db: PrismaClient, { email, clientAddress }: { email: string; clientAddress: string | null }): Promise<SignInMailVerdict> {
  const { signInLimitPerClient } = env();
  if (clientAddress && signInLimitPerClient) {
    const perClient: Limit = { keyPrefix: "signin-client", points: signInLimitPerClient.points, duration: signInLimitPerClient.minutes * 60 };
    const taken = await takePoint(db, perClient, clientAddress);
    if (!taken.ok) return { ok: false, limit: "client", retryMinutes: Math.ceil(taken.retrySeconds / 60) };
  }
  const perAddress: Limit = { keyPrefix: "signin-address", points: SIGN_IN_LIMITS.perAddress.points, duration: SIGN_IN_LIMITS.perAddress.minutes * 60 };
  const taken = await takePoint(db, perAddress, email);
  if (!taken.ok) return { ok: false, limit: "address", retryMinutes: Math.ceil(taken.retrySeconds / 60) };
  return { ok: true };
}
