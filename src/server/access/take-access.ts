import type { PrismaClient } from "@/generated/prisma/client";
import { decideBandAccess, type BandAccess } from "./band-access";
import type { BandRole } from "./roles";

/** What the audio routes need to know about a take once access is granted. */
export type TakeForAudio = {
  id: string;
  bandId: string;
  storageKey: string;
  contentType: string;
  originalName: string;
  title: string | null;
  songTitle: string;
};

type Row = {
  userId: string | null;
  bandId: string | null;
  bandName: string | null;
  role: BandRole | null;
  id: string | null;
  storageKey: string | null;
  contentType: string | null;
  originalName: string | null;
  title: string | null;
  songTitle: string | null;
};

/**
 * Access to one take for the audio routes, in ONE statement: session token ->
 * user -> version -> band -> the caller's membership role. The audio routes
 * are hit for every seek and buffer refill, so this replaces a session lookup,
 * a version lookup and requireBandAccess's membership lookup (three round
 * trips) with one. Nothing is cached: membership, the session and the take
 * itself are read on every request, so a removed member, a signed-out session
 * or a take deleted through another instance is refused at once.
 *
 * The decision is not made here: the facts go to decideBandAccess, the same
 * rule requireBandAccess (tRPC, upload) uses.
 */
export async function requireTakeAccess(
  db: PrismaClient,
  { sessionToken, versionId, minRole }: { sessionToken: string | null; versionId: string; minRole: BandRole },
): Promise<{ access: BandAccess; take: TakeForAudio }> {
  // Anonymous callers cost no query and learn nothing, not even whether the take exists.
  // The one-row FROM keeps a row even when nothing matches, so "no session",
  // "no such take" and "not a member" are told apart from a single answer.
  const [row] = sessionToken
    ? await db.$queryRaw<Row[]>`
        SELECT u."id" AS "userId", b."id" AS "bandId", b."name" AS "bandName", m."role"::text AS "role",
               v."id", v."storageKey", v."contentType", v."originalName", v."title", s."title" AS "songTitle"
        FROM (SELECT 1) AS one
        LEFT JOIN "Session" se ON se."sessionToken" = ${sessionToken} AND se."expires" > now()
        LEFT JOIN "User" u ON u."id" = se."userId"
        LEFT JOIN "Version" v ON v."id" = ${versionId} AND u."id" IS NOT NULL
        LEFT JOIN "Song" s ON s."id" = v."songId"
        LEFT JOIN "Band" b ON b."id" = v."bandId"
        LEFT JOIN "BandMember" m ON m."bandId" = b."id" AND m."userId" = u."id"`
    : [];
  const access = decideBandAccess(
    { userId: row?.userId, band: row?.bandId ? { id: row.bandId, name: row.bandName ?? "" } : null, role: row?.role ?? null },
    minRole,
    "This take does not exist.",
  );
  // Granted, so the row names an existing take of that band.
  const take = row as { [K in keyof Row]: NonNullable<Row[K]> } & Pick<Row, "title">;
  return {
    access,
    take: {
      id: take.id,
      bandId: take.bandId,
      storageKey: take.storageKey,
      contentType: take.contentType,
      originalName: take.originalName,
      title: take.title,
      songTitle: take.songTitle,
    },
  };
}
