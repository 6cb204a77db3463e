import type { PrismaClient } from "@/generated/prisma/client";
import { duplicatesOf } from "./duplicate-takes.rules";
import { toVersionView, type VersionRow } from "./take.view";

/**
 * Takes as the API returns them, each with `duplicateOf` when an earlier take
 * of the same band has the same original bytes. One query for the whole list,
 * scoped by the band the caller was checked against.
 */
export async function takeViews(db: Pick<PrismaClient, "version">, bandId: string, rows: readonly VersionRow[], viewer: { userId: string; role: Parameters<typeof toVersionView>[1]["role"] }) {
  const hashes = [...new Set(rows.map((row) => row.sha256).filter((hash): hash is string => Boolean(hash)))];
  const candidates = hashes.length
    ? await db.version.findMany({
        where: { bandId, sha256: { in: hashes } },
        select: { id: true, sha256: true, createdAt: true, number: true, songId: true, song: { select: { title: true } } },
      })
    : [];
  const found = duplicatesOf(
    rows,
    candidates.map(({ song, ...candidate }) => ({ ...candidate, songTitle: song.title })),
  );
  return rows.map((row) => toVersionView(row, viewer, found.get(row.id) ?? null));
}

/** One take's view, with its duplicateOf. */
export async function takeView(db: Pick<PrismaClient, "version">, bandId: string, row: VersionRow, viewer: Parameters<typeof takeViews>[3]) {
  return (await takeViews(db, bandId, [row], viewer))[0]!;
}
