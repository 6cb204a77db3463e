import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { hasAtLeastRole, roleLabel, type BandRole } from "./roles";

export type BandAccess = {
  userId: string;
  role: BandRole;
  band: { id: string; name: string };
};

/**
 * The one decision "may this user act on this band with at least this role",
 * read from the database on every call. Used by bandMemberProcedure and by the
 * audio route handlers alike.
 */
export async function requireBandAccess(
  db: PrismaClient,
  { userId, bandId, minRole }: { userId: string | null | undefined; bandId: string; minRole: BandRole },
): Promise<BandAccess> {
  if (!userId) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");

  // One indexed lookup on the (bandId, userId) unique key on the common path.
  const membership = await db.bandMember.findUnique({
    where: { bandId_userId: { bandId, userId } },
    select: { role: true, band: { select: { id: true, name: true } } },
  });

  if (!membership) {
    const bandExists = await db.band.count({ where: { id: bandId } });
    if (!bandExists) throw new AppError("NOT_FOUND", "This band does not exist.");
    throw new AppError("FORBIDDEN", "You are not a member of this band.", "NOT_A_MEMBER");
  }
  if (!hasAtLeastRole(membership.role, minRole)) {
    throw new AppError(
      "FORBIDDEN",
      `This needs the ${roleLabel[minRole].toLowerCase()} role or higher in ${membership.band.name}.`,
      "INSUFFICIENT_ROLE",
    );
  }
  return { userId, role: membership.role, band: membership.band };
}
