import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/**
 * Serializes every change to a band's memberships: the first statement of each
 * membership-changing transaction locks the band's row until commit. Without
 * it, two owners demoting each other at once could each count "two owners"
 * and leave none. Anything that adds, removes or re-roles a member (invites,
 * join links, band deletion) takes this lock first.
 */
export async function lockBandMemberships(tx: Prisma.TransactionClient, bandId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Band" WHERE id = ${bandId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", "This band does not exist.");
}

/**
 * The caller's membership read again under the lock: the role the middleware
 * saw may have changed while this request waited for the lock.
 */
export async function lockedMembership(tx: Prisma.TransactionClient, bandId: string, userId: string) {
  const membership = await tx.bandMember.findUnique({
    where: { bandId_userId: { bandId, userId } },
    select: { userId: true, role: true, user: { select: { name: true, email: true } } },
  });
  return membership;
}

export async function ownerCount(tx: Prisma.TransactionClient, bandId: string): Promise<number> {
  return tx.bandMember.count({ where: { bandId, role: "OWNER" } });
}
