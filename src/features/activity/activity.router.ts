import "server-only";

import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/generated/prisma/client";
import { listActivityInput } from "./activity.schema";
import { newSince, unreadSince, visitAfterOpen } from "./band-visit.rules";
import { countNews, FEED_ORDER, markNews } from "./news";
import { commentMoment } from "@/features/player/deep-link";

type Db = Pick<Prisma.TransactionClient, "bandVisit" | "bandMember">;

/** My stored visit of this band and when I joined it. */
async function visitOf(db: Db, bandId: string, userId: string) {
  const [visit, membership] = await Promise.all([
    db.bandVisit.findUnique({ where: { userId_bandId: { userId, bandId } }, select: { seenAt: true, previousSeenAt: true } }),
    db.bandMember.findUniqueOrThrow({ where: { bandId_userId: { bandId, userId } }, select: { createdAt: true } }),
  ]);
  return { visit, joinedAt: membership.createdAt };
}

const person = { select: { id: true, name: true, email: true } } as const;

/** Where in its take each listed comment sits, read within this band. */
async function commentMoments(db: Pick<Prisma.TransactionClient, "comment">, bandId: string, rows: { commentId: string | null }[]) {
  const ids = rows.flatMap((r) => (r.commentId ? [r.commentId] : []));
  if (ids.length === 0) return new Map<string, { atSeconds: number | null; endSeconds: number | null }>();
  const comments = await db.comment.findMany({
    where: { id: { in: ids }, bandId },
    select: { id: true, atSeconds: true, endSeconds: true, parent: { select: { atSeconds: true, endSeconds: true } } },
  });
  return new Map(comments.map((c) => [c.id, commentMoment(c)]));
}

export const activityRouter = createTRPCRouter({
  /** The band's events, newest first, a page at a time (cursor = last id of the previous page). */
  list: bandMemberProcedure("MEMBER")
    .input(listActivityInput)
    .query(async ({ ctx, input }) => {
      // The cursor is looked up within this band: another band's event id is simply unknown here.
      const cursor = input.cursor
        ? await ctx.db.bandActivity.findFirst({ where: { id: input.cursor, bandId: ctx.band.id }, select: { id: true } })
        : null;
      if (input.cursor && !cursor) throw new AppError("NOT_FOUND", "That page of activity does not exist.");
      const rows = await ctx.db.bandActivity.findMany({
        where: { bandId: ctx.band.id },
        orderBy: FEED_ORDER,
        take: input.limit + 1,
        ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
        select: {
          id: true,
          type: true,
          createdAt: true,
          targetEmail: true,
          fromRole: true,
          toRole: true,
          songId: true,
          versionId: true,
          commentId: true,
          setlistId: true,
          subject: true,
          actor: person,
          targetUser: person,
        },
      });
      const items = rows.slice(0, input.limit);
      const { visit, joinedAt } = await visitOf(ctx.db, ctx.band.id, ctx.user.id);
      const since = newSince(visit, new Date(), joinedAt);
      const moments = await commentMoments(ctx.db, ctx.band.id, items);
      return {
        items: markNews(items, since, ctx.user.id).map((item) => {
          // A comment's line opens its take at its moment (a reply at its parent's); a deleted comment's, just the take.
          const moment = item.commentId ? moments.get(item.commentId) : undefined;
          return {
            ...item,
            commentId: moment ? item.commentId : null,
            atSeconds: moment?.atSeconds ?? null,
            endSeconds: moment?.endSeconds ?? null,
          };
        }),
        nextCursor: rows.length > input.limit ? items.at(-1)!.id : null,
        newSince: since,
      };
    }),

  /** How many lines of the feed, by others, are new since I last opened the band (or since I joined): the feed's own definition (`news.ts`). */
  unread: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const { visit, joinedAt } = await visitOf(ctx.db, ctx.band.id, ctx.user.id);
    const count = await countNews(ctx.db, { bandId: ctx.band.id, since: unreadSince(visit, joinedAt), viewerId: ctx.user.id });
    return { count };
  }),

  /** Opening the band or its activity: everything so far is seen. */
  markSeen: bandMemberProcedure("MEMBER").mutation(async ({ ctx }) => {
    const now = new Date();
    const { visit, joinedAt } = await visitOf(ctx.db, ctx.band.id, ctx.user.id);
    const next = visitAfterOpen(visit, now, joinedAt);
    await ctx.db.bandVisit.upsert({
      where: { userId_bandId: { userId: ctx.user.id, bandId: ctx.band.id } },
      create: { userId: ctx.user.id, bandId: ctx.band.id, ...next },
      update: next,
    });
    return { seenAt: next.seenAt };
  }),
});
