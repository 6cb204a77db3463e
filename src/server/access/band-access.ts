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

  // The hottest query in the app (every band-scoped call, every audio range
  // request): one statement on the (bandId, userId) unique index, written as
  // SQL so it costs one round trip and no query planning in the ORM. The LEFT
  // JOIN tells "no such band" (no row) from "not a member" (role is null).
  const [row] = await db.$queryRaw<{ id: string; name: string; role: BandRole | null }[]>`
    SELECT b."id", b."name", m."role"::text AS "role"
    FROM "Band" b
    LEFT JOIN "BandMember" m ON m."bandId" = b."id" AND m."userId" = ${userId}
    WHERE b."id" = ${bandId}`;

  if (!row) throw new AppError("NOT_FOUND", "This band does not exist.");
  if (!row.role) throw new AppError("FORBIDDEN", "You are not a member of this band.", "NOT_A_MEMBER");
  if (!hasAtLeastRole(row.role, minRole)) {
    throw new AppError(
      "FORBIDDEN",
      `This needs the ${roleLabel[minRole].toLowerCase()} role or higher in ${row.name}.`,
      "INSUFFICIENT_ROLE",
    );
  }
  return { userId, role: row.role, band: { id: row.id, name: row.name } };
}
