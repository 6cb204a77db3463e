import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { liveSession, sessionUserFromToken } from "@/server/auth/session-reader";
import { decideBandAccess, decideCallerAccess, type BandAccessFacts } from "@/server/access/band-access";
import type { BandRole } from "@/lib/roles";

/** What the audio routes need to know about a take once access is granted. */
export type TakeForAudio = {
  id: string;
  bandId: string;
  storageKey: string;
  contentType: string;
  originalName: string;
  title: string | null;
  songTitle: string;
  /** Set once processing made them (the stream then serves the rendition). */
  renditionKey: string | null;
  renditionContentType: string | null;
  peaksKey: string | null;
};

type Row = {
  userId: string | null;
  bandId: string | null;
  role: BandRole | null;
  id: string | null;
  storageKey: string | null;
  contentType: string | null;
  originalName: string | null;
  title: string | null;
  songTitle: string | null;
  renditionKey: string | null;
  renditionContentType: string | null;
  peaksKey: string | null;
};

/**
 * Access to one take for the audio routes, in ONE statement on the hot path:
 * session token -> user -> version -> band -> the caller's membership role.
 * The audio routes are hit for every seek and buffer refill, so this replaces
 * a session lookup, a version lookup and requireBandAccess's membership lookup
 * (three round trips) with one. Nothing is cached: membership, the session and
 * the take itself are read on every request, so a removed member, a signed-out
 * session or a take deleted through another instance is refused at once.
 *
 * The decision is not made here: the facts go to decideBandAccess, the same
 * rule requireBandAccess (tRPC, upload) uses.
 */
export async function requireTakeAccess(
  db: PrismaClient,
  { sessionToken, versionId, minRole, withNames }: {
    sessionToken: string | null;
    versionId: string;
    minRole: BandRole;
    /** Also read the song title, original name and take title (a download's file name). */
    withNames: boolean;
  },
): Promise<{ access: BandAccessFacts; take: TakeForAudio }> {
  // Anonymous callers cost no query and learn nothing, not even whether the take exists.
  // Kept small on purpose: PostgreSQL plans it on every request, and planning
  // a join costs more than running it (0.47 ms vs 0.17 ms for a four-table
  // version, measured), so the band's name (which only words an
  // INSUFFICIENT_ROLE refusal, impossible at MEMBER) is not joined, and a
  // download's names are read only for downloads. The version's band exists
  // (foreign key) and so does the session's user (cascade).
  const names = withNames
    ? Prisma.sql`v."originalName", v."title", (SELECT s."title" FROM "Song" s WHERE s."id" = v."songId") AS "songTitle"`
    : Prisma.sql`'' AS "originalName", NULL AS "title", '' AS "songTitle"`;
  const [row] = sessionToken
    ? await db.$queryRaw<Row[]>`
        SELECT se."userId", v."bandId", m."role"::text AS "role", v."id", v."storageKey", v."contentType",
          v."renditionKey", v."renditionContentType", v."peaksKey", ${names}
        FROM (${liveSession(sessionToken)}) se
        JOIN "Version" v ON v."id" = ${versionId}
        LEFT JOIN "BandMember" m ON m."bandId" = v."bandId" AND m."userId" = se."userId"`
    : [];
  // No row: no live session, or no such take. Only refusals pay for telling them apart.
  const userId = row?.userId ?? (sessionToken ? ((await sessionUserFromToken(db, sessionToken))?.id ?? null) : null);
  const access = decideBandAccess(
    { userId, band: row?.bandId ? { id: row.bandId } : null, role: row?.role ?? null },
    minRole,
    "This take does not exist.",
  );
  // Granted, so the row names an existing take of that band.
  const take = row!;
  return {
    access,
    take: {
      id: take.id!,
      bandId: take.bandId!,
      storageKey: take.storageKey!,
      contentType: take.contentType!,
      originalName: take.originalName ?? "",
      title: take.title,
      songTitle: take.songTitle ?? "",
      renditionKey: take.renditionKey,
      renditionContentType: take.renditionContentType,
      peaksKey: take.peaksKey,
    },
  };
}

type LinkRow = {
  linkId: string;
  linkBandId: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  passwordHash: string | null;
  allowDownload: boolean;
  allowComments: boolean;
  covers: boolean;
  id: string | null;
  storageKey: string | null;
  contentType: string | null;
  originalName: string | null;
  title: string | null;
  songTitle: string | null;
  renditionKey: string | null;
  renditionContentType: string | null;
  peaksKey: string | null;
};

/** The link a guest's request came through, as the audio routes read it. */
export type LinkForAudio = { id: string; passwordHash: string | null; allowDownload: boolean; allowComments: boolean };

/**
 * Access to one take through a share link, in ONE statement like
 * requireTakeAccess: token hash -> link -> the take, and whether the link
 * covers it (the take itself, a take of the shared song, or a take of a song
 * in the shared setlist, always in the link's band). Read on every request, so
 * a revoked or expired link, a deleted take or a song taken out of the setlist
 * is refused on the very next request, on every instance. The decision is made
 * by decideCallerAccess, the same rule as a member's.
 */
export async function requireLinkTakeAccess(
  db: PrismaClient,
  { tokenHash, versionId, isUnlocked, withNames }: {
    tokenHash: string;
    versionId: string;
    /** Whether the request proved the link's current password (called only for a link that has one). */
    isUnlocked: (link: { id: string; passwordHash: string }) => boolean;
    withNames: boolean;
  },
): Promise<{ link: LinkForAudio; take: TakeForAudio }> {
  const names = withNames
    ? Prisma.sql`v."originalName", v."title", (SELECT s."title" FROM "Song" s WHERE s."id" = v."songId") AS "songTitle"`
    : Prisma.sql`'' AS "originalName", NULL AS "title", '' AS "songTitle"`;
  const [row] = await db.$queryRaw<LinkRow[]>`
    SELECT l."id" AS "linkId", l."bandId" AS "linkBandId", l."revokedAt", l."expiresAt", l."passwordHash", l."allowDownload", l."allowComments",
      (v."id" IS NOT NULL AND (
        v."id" = l."versionId" OR v."songId" = l."songId"
        OR EXISTS (SELECT 1 FROM "SetlistSong" ss WHERE ss."setlistId" = l."setlistId" AND ss."songId" = v."songId")
      )) AS "covers",
      v."id", v."storageKey", v."contentType", v."renditionKey", v."renditionContentType", v."peaksKey", ${names}
    FROM "ShareLink" l
    LEFT JOIN "Version" v ON v."id" = ${versionId} AND v."bandId" = l."bandId"
    WHERE l."tokenHash" = ${tokenHash}`;
  const link = row ? { id: row.linkId, bandId: row.linkBandId, revokedAt: row.revokedAt, expiresAt: row.expiresAt, hasPassword: row.passwordHash != null } : null;
  decideCallerAccess(
    { kind: "link", link, unlocked: row?.passwordHash ? isUnlocked({ id: row.linkId, passwordHash: row.passwordHash }) : true, covers: Boolean(row?.covers) },
    "MEMBER",
  );
  // Granted, so the row names a take the link covers.
  const take = row!;
  return {
    link: { id: take.linkId, passwordHash: take.passwordHash, allowDownload: take.allowDownload, allowComments: take.allowComments },
    take: {
      id: take.id!,
      bandId: take.linkBandId,
      storageKey: take.storageKey!,
      contentType: take.contentType!,
      originalName: take.originalName ?? "",
      title: take.title,
      songTitle: take.songTitle ?? "",
      renditionKey: take.renditionKey,
      renditionContentType: take.renditionContentType,
      peaksKey: take.peaksKey,
    },
  };
}
