import "server-only";

import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/generated/prisma/client";
import { listActivityInput } from "./activity.schema";
import { newSince, unreadSince, visitAfterOpen } from "./band-visit.rules";
import { countNews, FEED_ORDER, markNews } from "./news";

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
          setlistId: true,
          subject: true,
          actor: person,
          targetUser: person,
        },
      });
      const items = rows.slice(0, input.limit);
      const { visit, joinedAt } = await visitOf(ctx.db, ctx.band.id, ctx.user.id);
      const since = newSince(visit, new Date(), joinedAt);
      return {
        items: markNews(items, since, ctx.user.id),
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
