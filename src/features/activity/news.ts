import type { Prisma } from "@/generated/prisma/client";
import { collapseJoins, SAME_MOMENT_MS } from "./collapse-joins";

/**
 * The one definition of "news for me", shared by the feed's "New" marks and the
 * unread count on the dashboard and the band's tabs: a line of the feed (joins
 * collapsed into one line) made after `since` by someone other than me.
 */
type Line = { createdAt: Date; actor: { id: string } | null };

export function isNews(line: Line, since: Date, viewerId: string): boolean {
  return line.createdAt > since && line.actor?.id !== viewerId;
}

/** The feed's lines (joins collapsed), each marked new or not. */
export function markNews<T extends Line & Parameters<typeof collapseJoins>[0][number]>(items: T[], since: Date, viewerId: string): (T & { isNew: boolean })[] {
  return collapseJoins(items).map((item) => ({ ...item, isNew: isNews(item, since, viewerId) }));
}

/** The feed's order: newest first, ties by id. */
export const FEED_ORDER = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.BandActivityOrderByWithRelationInput[];

/** How many lines the feed would mark new: read the same rows in the same order, collapse them the same way, count. */
export async function countNews(db: Pick<Prisma.TransactionClient, "bandActivity">, { bandId, since, viewerId }: { bandId: string; since: Date; viewerId: string }): Promise<number> {
  // A join's two events may straddle `since`: read a little before it, so the collapse sees both.
  const rows = await db.bandActivity.findMany({
    where: { bandId, createdAt: { gt: new Date(since.getTime() - SAME_MOMENT_MS) } },
    orderBy: FEED_ORDER,
    select: { type: true, createdAt: true, actor: { select: { id: true } }, targetUser: { select: { id: true } } },
  });
  return markNews(rows, since, viewerId).filter((line) => line.isNew).length;
}
