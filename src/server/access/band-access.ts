import type { PrismaClient } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { hasAtLeastRole, roleLabel, type BandRole } from "@/lib/roles";

export type BandAccess = {
  userId: string;
  role: BandRole;
  band: { id: string; name: string };
};

/** What the audio routes get: the band's name is not read on their hot path. */
export type BandAccessFacts = Omit<BandAccess, "band"> & { band: { id: string; name?: string } };

/** What the database said about a caller and a band, however it was read. */
export type MembershipFacts = {
  /** The signed-in user, or null for an anonymous caller. */
  userId: string | null | undefined;
  /** null when there is no such band (or no such thing to find the band by); the name only words a refusal. */
  band: { id: string; name?: string } | null;
  /** The caller's role in that band; null when they are not a member. */
  role: BandRole | null;
};

/**
 * The one rule "may this user act on this band with at least this role".
 * Pure, so that every way of reading the facts (requireBandAccess's lookup for
 * tRPC and the upload route, the audio routes' single joined statement) is
 * decided by exactly the same code, with the same statuses and reasons.
 */
export function decideBandAccess<F extends MembershipFacts>(
  facts: F,
  minRole: BandRole,
  notFoundMessage = "This band does not exist.",
): { userId: string; role: BandRole; band: NonNullable<F["band"]> } {
  if (!facts.userId) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
  if (!facts.band) throw new AppError("NOT_FOUND", notFoundMessage);
  if (!facts.role) throw new AppError("FORBIDDEN", "You are not a member of this band.", "NOT_A_MEMBER");
  if (!hasAtLeastRole(facts.role, minRole)) {
    throw new AppError(
      "FORBIDDEN",
      `This needs the ${roleLabel[minRole].toLowerCase()} role or higher in ${facts.band.name ?? "this band"}.`,
      "INSUFFICIENT_ROLE",
    );
  }
  return { userId: facts.userId, role: facts.role, band: facts.band };
}

/**
 * Reads the caller's membership from the database on every call and decides
 * with decideBandAccess. Used by bandMemberProcedure and the upload route.
 */
export async function requireBandAccess(
  db: PrismaClient,
  { userId, bandId, minRole }: { userId: string | null | undefined; bandId: string; minRole: BandRole },
): Promise<BandAccess> {
  if (!userId) return decideBandAccess({ userId, band: null, role: null }, minRole);
  // The hottest query in the app (every band-scoped call): one statement on the
  // (bandId, userId) unique index, written as SQL so it costs one round trip and
  // no query planning in the ORM. The LEFT JOIN tells "no such band" (no row)
  // from "not a member" (role is null).
  const [row] = await db.$queryRaw<{ id: string; name: string; role: BandRole | null }[]>`
    SELECT b."id", b."name", m."role"::text AS "role"
    FROM "Band" b
    LEFT JOIN "BandMember" m ON m."bandId" = b."id" AND m."userId" = ${userId}
    WHERE b."id" = ${bandId}`;
  const band: { id: string; name: string } | null = row ? { id: row.id, name: row.name } : null;
  return decideBandAccess({ userId, band, role: row?.role ?? null }, minRole);
}
