import "server-only";

import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { sortCommentsInTime } from "@/features/comments/comment-order.rules";
import { guestDisplayName } from "./share.rules";

/**
 * What a guest sees through a link: only the takes it covers, with URLs under
 * the link's own routes, and (when comments are on) their comments with
 * display names only: never an email, a user id or a storage key.
 */

const guestTakeSelect = {
  id: true,
  number: true,
  title: true,
  durationSeconds: true,
  processing: true,
  peaksKey: true,
  renditionContentType: true,
  contentType: true,
  song: { select: { title: true } },
} satisfies Prisma.VersionSelect;

type GuestTakeRow = Prisma.VersionGetPayload<{ select: typeof guestTakeSelect }>;

export type GuestTake = {
  id: string;
  number: number;
  title: string | null;
  songTitle: string;
  durationSeconds: number | null;
  streamUrl: string;
  streamContentType: string;
  peaksUrl: string | null;
  downloadUrl: string | null;
};

function toGuestTake(row: GuestTakeRow, token: string, allowDownload: boolean): GuestTake {
  const base = `/api/s/${token}/versions/${row.id}`;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    songTitle: row.song.title,
    durationSeconds: row.durationSeconds,
    streamUrl: `${base}/stream`,
    streamContentType: row.renditionContentType ?? row.contentType,
    peaksUrl: row.peaksKey ? `${base}/peaks` : null,
    downloadUrl: allowDownload ? `${base}/download` : null,
  };
}

/** A take link: that take; a song link: its takes, newest first; a setlist link: each song's best (else newest) take, in set order. */
export async function sharedTakes(
  db: PrismaClient,
  link: { bandId: string; versionId: string | null; songId: string | null; setlistId: string | null; allowDownload: boolean },
  token: string,
): Promise<GuestTake[]> {
  const take = (row: GuestTakeRow) => toGuestTake(row, token, link.allowDownload);
  if (link.versionId) {
    const row = await db.version.findFirst({ where: { id: link.versionId, bandId: link.bandId }, select: guestTakeSelect });
    return row ? [take(row)] : [];
  }
  if (link.songId) {
    const rows = await db.version.findMany({ where: { songId: link.songId, bandId: link.bandId }, orderBy: { number: "desc" }, select: guestTakeSelect });
    return rows.map(take);
  }
  const entries = await db.setlistSong.findMany({
    where: { setlistId: link.setlistId!, bandId: link.bandId },
    orderBy: { position: "asc" },
    select: {
      song: {
        select: {
          bestVersion: { select: guestTakeSelect },
          versions: { orderBy: { number: "desc" }, take: 1, select: guestTakeSelect },
        },
      },
    },
  });
  return entries.flatMap((e) => {
    const row = e.song.bestVersion ?? e.song.versions[0];
    return row ? [take(row)] : [];
  });
}

const guestCommentSelect = {
  id: true,
  versionId: true,
  parentId: true,
  body: true,
  atSeconds: true,
  endSeconds: true,
  createdAt: true,
  guestName: true,
  author: { select: { name: true } },
} satisfies Prisma.CommentSelect;

export type GuestComment = {
  id: string;
  versionId: string;
  parentId: string | null;
  body: string;
  atSeconds: number | null;
  endSeconds: number | null;
  createdAt: Date;
  name: string;
  guest: boolean;
};

/** The comments on the shared takes, in time order (replies after their comment), names only. */
export async function sharedComments(db: PrismaClient, bandId: string, versionIds: string[]): Promise<GuestComment[]> {
  if (!versionIds.length) return [];
  const rows = await db.comment.findMany({
    where: { bandId, versionId: { in: versionIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: guestCommentSelect,
  });
  const view = (row: (typeof rows)[number]): GuestComment => ({
    id: row.id,
    versionId: row.versionId,
    parentId: row.parentId,
    body: row.body,
    atSeconds: row.atSeconds,
    endSeconds: row.endSeconds,
    createdAt: row.createdAt,
    // A member's display name only (no email): a member without one is "A band member".
    name: row.guestName ? guestDisplayName(row.guestName) : row.author?.name?.trim() || "A band member",
    guest: row.guestName != null,
  });
  const top = sortCommentsInTime(rows.filter((r) => !r.parentId));
  return top.flatMap((t) => [view(t), ...rows.filter((r) => r.parentId === t.id).map(view)]);
}
