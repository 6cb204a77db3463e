import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/**
 * Locks the band's row until commit, as the first statement of the transaction.
 * Callers: role changes, removals and leaving (members), band deletion, creating
 * an invite and creating a join link. Without it, two owners demoting each other
 * at once could each count "two owners" and leave none, and two admins inviting
 * one address at once could leave two pending invites.
 *
 * Accepting an invite and joining by link take it too, before locking the
 * invite's or link's own row (single use, use count): the joiner's display
 * name is checked against the band's under it (display-name-check.ts, which
 * also locks every band of someone renaming, in id order).
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
