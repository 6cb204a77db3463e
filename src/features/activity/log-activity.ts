import type { Prisma } from "@/generated/prisma/client";
import type { ActivityType, BandRole } from "@/generated/prisma/enums";

export type ActivityEvent = {
  bandId: string;
  type: ActivityType;
  actorId?: string | null;
  targetUserId?: string | null;
  targetEmail?: string | null;
  fromRole?: BandRole | null;
  toRole?: BandRole | null;
  songId?: string | null;
  versionId?: string | null;
  commentId?: string | null;
  setlistId?: string | null;
  /** The song's or setlist's title at the time, so the line still reads after a rename or delete. */
  subject?: string | null;
};

/** Records a band event in the same transaction as the change it describes. */
export async function logActivity(tx: Prisma.TransactionClient, event: ActivityEvent): Promise<void> {
  await tx.bandActivity.create({ data: event });
}

type Tx = Pick<Prisma.TransactionClient, "bandActivity" | "song">;

async function songEvent(tx: Tx, type: ActivityType, e: { bandId: string; actorId: string; songId: string; versionId: string; commentId?: string }): Promise<void> {
  const song = await tx.song.findFirst({ where: { id: e.songId, bandId: e.bandId }, select: { title: true } });
  await tx.bandActivity.create({ data: { ...e, type, subject: song?.title ?? null } });
}

/** A take was uploaded (in the take's own transaction). */
export const logTakeUploaded = (tx: Tx, e: { bandId: string; actorId: string; songId: string; versionId: string }) => songEvent(tx, "TAKE_UPLOADED", e);

/** A take became its song's best take. */
export const logBestTakePicked = (tx: Tx, e: { bandId: string; actorId: string; songId: string; versionId: string }) => songEvent(tx, "BEST_TAKE_PICKED", e);

/** A comment on a take; `reply` when it answers another comment. Its line links to the comment. */
export const logCommentAdded = (tx: Tx, e: { bandId: string; actorId: string; songId: string; versionId: string; commentId: string; reply?: boolean }) =>
  songEvent(tx, e.reply ? "COMMENT_REPLIED" : "COMMENT_ADDED", { bandId: e.bandId, actorId: e.actorId, songId: e.songId, versionId: e.versionId, commentId: e.commentId });

/** A setlist was created or changed (name, date, songs, order, gig notes). */
export async function logSetlistEvent(tx: Pick<Prisma.TransactionClient, "bandActivity">, e: { bandId: string; actorId: string; setlistId: string; name: string; created?: boolean }): Promise<void> {
  await tx.bandActivity.create({
    data: { bandId: e.bandId, actorId: e.actorId, setlistId: e.setlistId, subject: e.name, type: e.created ? "SETLIST_CREATED" : "SETLIST_CHANGED" },
  });
}

/** Edits to one setlist by one person within this window are one line in the feed (a drag session is many saves). */
export const SETLIST_EDIT_WINDOW_MS = 10 * 60_000;

export async function logSetlistChanged(tx: Pick<Prisma.TransactionClient, "bandActivity">, e: { bandId: string; actorId: string; setlistId: string; name: string }): Promise<void> {
  const recent = await tx.bandActivity.findFirst({
    where: {
      bandId: e.bandId,
      actorId: e.actorId,
      setlistId: e.setlistId,
      type: { in: ["SETLIST_CREATED", "SETLIST_CHANGED"] },
      createdAt: { gte: new Date(Date.now() - SETLIST_EDIT_WINDOW_MS) },
    },
    select: { id: true },
  });
  if (!recent) await logSetlistEvent(tx, e);
}
