import { logCommentAdded } from "@/features/activity/log-activity";
import type { Prisma } from "@/generated/prisma/client";
import type { BandRole } from "@/lib/roles";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { canDeleteComment, normaliseTimestamp, timestampProblem } from "./comment.rules";
import { createCommentInput, deleteCommentInput, listCommentsInput } from "./comment.schema";

const commentSelect = {
  id: true,
  versionId: true,
  body: true,
  atSeconds: true,
  authorId: true,
  createdAt: true,
  author: { select: { id: true, name: true, email: true } },
} satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function toCommentView(row: CommentRow, viewer: { userId: string; role: BandRole }) {
  return { ...row, canDelete: canDeleteComment({ role: viewer.role, isAuthor: row.authorId === viewer.userId }) };
}

export type CommentView = ReturnType<typeof toCommentView>;

export const commentRouter = createTRPCRouter({
  /** A take's comments in the order they were written. */
  list: bandMemberProcedure("MEMBER")
    .input(listCommentsInput)
    .query(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({ where: { id: input.versionId, bandId: ctx.band.id }, select: { id: true } });
      if (!version) throw notFound("Take");
      const rows = await ctx.db.comment.findMany({
        where: { versionId: version.id, bandId: ctx.band.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: commentSelect,
      });
      const viewer = { userId: ctx.user.id, role: ctx.role };
      return rows.map((row) => toCommentView(row, viewer));
    }),

  create: bandMemberProcedure("MEMBER")
    .input(createCommentInput)
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({
        where: { id: input.versionId, bandId: ctx.band.id },
        select: { id: true, durationSeconds: true, songId: true },
      });
      if (!version) throw notFound("Take");

      let atSeconds: number | null = null;
      if (input.atSeconds != null) {
        const problem = timestampProblem(input.atSeconds, version.durationSeconds);
        if (problem) throw new AppError("BAD_REQUEST", problem);
        atSeconds = normaliseTimestamp(input.atSeconds, version.durationSeconds);
      }

      const row = await ctx.db.$transaction(async (tx) => {
        const created = await tx.comment.create({
          data: { bandId: ctx.band.id, versionId: version.id, authorId: ctx.user.id, body: input.body, atSeconds },
          select: commentSelect,
        });
        await logCommentAdded(tx, { bandId: ctx.band.id, actorId: ctx.user.id, songId: version.songId, versionId: version.id });
        return created;
      });
      return toCommentView(row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** Author or admin. */
  delete: bandMemberProcedure("MEMBER")
    .input(deleteCommentInput)
    .mutation(async ({ ctx, input }) => {
      const comment = await ctx.db.comment.findFirst({
        where: { id: input.commentId, bandId: ctx.band.id },
        select: { id: true, authorId: true, versionId: true },
      });
      if (!comment) throw notFound("Comment");
      if (!canDeleteComment({ role: ctx.role, isAuthor: comment.authorId === ctx.user.id })) {
        throw new AppError("FORBIDDEN", "Only the author of a comment, or a band admin, can delete it.", "INSUFFICIENT_ROLE");
      }
      await ctx.db.comment.deleteMany({ where: { id: comment.id, bandId: ctx.band.id } });
      return { id: comment.id, versionId: comment.versionId };
    }),
});
