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

/** A share link's state: revoked wins over expired; `expiresAt` null never expires. */
export type ShareLinkState = "active" | "expired" | "revoked";

export function shareLinkState(link: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ShareLinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** What the database said about a share link and the thing asked for through it, however it was read. */
export type LinkFacts = {
  /** null: no link has that token. */
  link: { id: string; bandId: string; revokedAt: Date | null; expiresAt: Date | null; hasPassword: boolean } | null;
  /** The request proved the link's current password (a valid unlock cookie, or the password itself). */
  unlocked: boolean;
  /** The take asked for exists and the link covers it (null when the request names no take). */
  covers: boolean | null;
};

/** Who is asking: a signed-in person (decided by their membership) or whoever holds a share link. */
export type CallerFacts = ({ kind: "member" } & MembershipFacts) | ({ kind: "link" } & LinkFacts);

export type CallerAccess =
  | { kind: "member"; userId: string; role: BandRole; band: { id: string; name?: string } }
  | { kind: "link"; shareId: string; band: { id: string } };

/**
 * The one decision for every caller. A member is decided by decideBandAccess.
 * A link is one more kind of caller that can only ever listen: it is refused
 * for anything above a member's plain role, once revoked or expired, before
 * its password is proved, and for any take it does not cover, which looks
 * exactly like a take that does not exist.
 */
export function decideCallerAccess(facts: CallerFacts, minRole: BandRole, now: Date = new Date()): CallerAccess {
  if (facts.kind === "member") return { kind: "member", ...decideBandAccess(facts, minRole) };
  const { link } = facts;
  if (!link || shareLinkState(link, now) === "revoked") throw new AppError("NOT_FOUND", "This link has been revoked or does not exist.", "SHARE_NOT_FOUND");
  if (shareLinkState(link, now) === "expired") throw new AppError("GONE", "This link has expired.", "SHARE_EXPIRED");
  if (minRole !== "MEMBER") throw new AppError("FORBIDDEN", "A shared link only lets you listen.", "INSUFFICIENT_ROLE");
  if (link.hasPassword && !facts.unlocked) throw new AppError("UNAUTHORIZED", "This link needs its password.", "SHARE_PASSWORD_REQUIRED");
  if (facts.covers === false) throw new AppError("NOT_FOUND", "This take does not exist.");
  return { kind: "link", shareId: link.id, band: { id: link.bandId } };
}
