import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { listActivityInput } from "./activity.schema";
import { collapseJoins } from "./collapse-joins";

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
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
        select: {
          id: true,
          type: true,
          createdAt: true,
          targetEmail: true,
          fromRole: true,
          toRole: true,
          actor: person,
          targetUser: person,
        },
      });
      const items = rows.slice(0, input.limit);
      return { items: collapseJoins(items), nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),
});
