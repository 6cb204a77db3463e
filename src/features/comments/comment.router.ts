import "server-only";

import { logCommentAdded } from "@/features/activity/log-activity";
import { notify } from "@/features/notifications/notify";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { BandRole } from "@/lib/roles";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { sortCommentsInTime } from "./comment-order.rules";
import { canDeleteComment, normaliseTimestamp, timestampProblem } from "./comment.rules";
import { createCommentInput, deleteCommentInput, listCommentsInput, resolveCommentInput, updateCommentInput } from "./comment.schema";
import { parseMentions } from "./mention.rules";
import { guestDisplayName } from "@/features/sharing/share.rules";

const commentSelect = {
  id: true,
  versionId: true,
  parentId: true,
  body: true,
  atSeconds: true,
  endSeconds: true,
  authorId: true,
  guestName: true,
  createdAt: true,
  editedAt: true,
  resolvedAt: true,
  author: { select: { id: true, name: true, email: true } },
  mentions: { select: { userId: true } },
} satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;
type Viewer = { userId: string; role: BandRole };

function authorName(row: CommentRow): string {
  return row.guestName ? guestDisplayName(row.guestName) : displayName(row.author);
}

function displayName(author: CommentRow["author"]): string {
  if (!author) return "A former member";
  return author.name?.trim() || author.email.split("@")[0] || author.email;
}

function toCommentView(row: CommentRow, viewer: Viewer) {
  const { mentions, ...rest } = row;
  const isAuthor = row.authorId === viewer.userId;
  return {
    ...rest,
    name: authorName(row),
    guest: row.guestName != null,
    resolved: row.resolvedAt != null,
    edited: row.editedAt != null,
    mentionedUserIds: mentions.map((m) => m.userId),
    canDelete: canDeleteComment({ role: viewer.role, isAuthor }),
    canEdit: isAuthor,
  };
}

export type CommentView = ReturnType<typeof toCommentView>;

/** The band's members by display name, to resolve "@Name" in a body. */
async function bandMentionables(db: PrismaClient | Prisma.TransactionClient, bandId: string) {
  const members = await db.bandMember.findMany({ where: { bandId }, select: { userId: true, user: { select: { name: true, email: true } } } });
  return members.map((m) => ({ userId: m.userId, name: m.user.name?.trim() || m.user.email.split("@")[0] || m.user.email }));
}

/** Records who the body mentions; returns those it did not mention before (to be told). */
export async function storeMentions(db: Prisma.TransactionClient, bandId: string, commentId: string, body: string): Promise<string[]> {
  const userIds = parseMentions(body, await bandMentionables(db, bandId));
  const before = new Set((await db.commentMention.findMany({ where: { commentId }, select: { userId: true } })).map((m) => m.userId));
  await db.commentMention.deleteMany({ where: { commentId, userId: { notIn: userIds } } });
  if (userIds.length) await db.commentMention.createMany({ data: userIds.map((userId) => ({ commentId, userId, bandId })), skipDuplicates: true });
  return userIds.filter((id) => !before.has(id));
}

export const commentRouter = createTRPCRouter({
  /**
   * A take's top-level comments in time order (general ones last, see
   * comment-order.rules.ts), each with its replies oldest first.
   */
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
      const replies = new Map<string, ReturnType<typeof toCommentView>[]>();
      for (const row of rows) {
        if (row.parentId) replies.set(row.parentId, [...(replies.get(row.parentId) ?? []), toCommentView(row, viewer)]);
      }
      const top = sortCommentsInTime(rows.filter((r) => !r.parentId));
      return top.map((row) => ({ ...toCommentView(row, viewer), replies: replies.get(row.id) ?? [] }));
    }),

  create: bandMemberProcedure("MEMBER")
    .input(createCommentInput)
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({
        where: { id: input.versionId, bandId: ctx.band.id },
        select: { id: true, durationSeconds: true, songId: true },
      });
      if (!version) throw notFound("Take");

      if (input.parentId != null) {
        const parent = await ctx.db.comment.findFirst({ where: { id: input.parentId, bandId: ctx.band.id }, select: { versionId: true, parentId: true } });
        if (!parent) throw notFound("Comment");
        if (parent.versionId !== version.id) throw new AppError("BAD_REQUEST", "A reply belongs to the same take as its comment.");
        if (parent.parentId) throw new AppError("BAD_REQUEST", "Reply to the comment itself, not to a reply.");
      }

      const checked = (value: number | null | undefined): number | null => {
        if (value == null) return null;
        const problem = timestampProblem(value, version.durationSeconds);
        if (problem) throw new AppError("BAD_REQUEST", problem);
        return normaliseTimestamp(value, version.durationSeconds);
      };
      const atSeconds = checked(input.atSeconds);
      const endSeconds = checked(input.endSeconds);
      if (atSeconds != null && endSeconds != null && endSeconds <= atSeconds) {
        throw new AppError("BAD_REQUEST", "A passage must end after it starts.");
      }

      const row = await ctx.db.$transaction(async (tx) => {
        const created = await tx.comment.create({
          data: { bandId: ctx.band.id, versionId: version.id, authorId: ctx.user.id, body: input.body, atSeconds, endSeconds, parentId: input.parentId ?? null },
          select: { id: true },
        });
        const mentioned = await storeMentions(tx, ctx.band.id, created.id, input.body);
        await logCommentAdded(tx, { bandId: ctx.band.id, actorId: ctx.user.id, songId: version.songId, versionId: version.id, commentId: created.id, reply: input.parentId != null });
        // Mail goes out from the job queue once this commits. The author replied
        // to hears of it once, as a reply, even when also mentioned.
        let repliedTo: string | null = null;
        if (input.parentId != null) {
          await notify.reply(tx, { commentId: created.id, parentId: input.parentId });
          repliedTo = (await tx.comment.findUnique({ where: { id: input.parentId }, select: { authorId: true } }))?.authorId ?? null;
        }
        await notify.mention(tx, { commentId: created.id, userIds: mentioned.filter((id) => id !== repliedTo) });
        return tx.comment.findUniqueOrThrow({ where: { id: created.id }, select: commentSelect });
      });
      return toCommentView(row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** The author only; the comment then shows "edited". */
  update: bandMemberProcedure("MEMBER")
    .input(updateCommentInput)
    .mutation(async ({ ctx, input }) => {
      const comment = await ctx.db.comment.findFirst({ where: { id: input.commentId, bandId: ctx.band.id }, select: { id: true, authorId: true, body: true } });
      if (!comment) throw notFound("Comment");
      if (comment.authorId !== ctx.user.id) throw new AppError("FORBIDDEN", "Only the author of a comment can edit it.", "INSUFFICIENT_ROLE");
      const row = await ctx.db.$transaction(async (tx) => {
        if (comment.body !== input.body) {
          await tx.comment.update({ where: { id: comment.id }, data: { body: input.body, editedAt: new Date() } });
          // Only members the edit newly names are told.
          await notify.mention(tx, { commentId: comment.id, userIds: await storeMentions(tx, ctx.band.id, comment.id, input.body) });
        }
        return tx.comment.findUniqueOrThrow({ where: { id: comment.id }, select: commentSelect });
      });
      return toCommentView(row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** Any member resolves or reopens a top-level comment. */
  resolve: bandMemberProcedure("MEMBER")
    .input(resolveCommentInput)
    .mutation(async ({ ctx, input }) => {
      const comment = await ctx.db.comment.findFirst({ where: { id: input.commentId, bandId: ctx.band.id }, select: { id: true, parentId: true, resolvedAt: true } });
      if (!comment) throw notFound("Comment");
      if (comment.parentId) throw new AppError("BAD_REQUEST", "Replies are resolved with their comment.");
      const row = await ctx.db.comment.update({
        where: { id: comment.id },
        data: input.resolved ? { resolvedAt: comment.resolvedAt ?? new Date(), resolvedById: comment.resolvedAt ? undefined : ctx.user.id } : { resolvedAt: null, resolvedById: null },
        select: commentSelect,
      });
      return toCommentView(row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** Author or admin; a comment's replies go with it. */
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
