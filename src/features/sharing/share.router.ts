import "server-only";

import { logActivity } from "@/features/activity/log-activity";
import { storeMentions } from "@/features/comments/comment.router";
import { normaliseTimestamp, timestampProblem } from "@/features/comments/comment.rules";
import { hashToken, newToken } from "@/features/invites/invite-token";
import { requireLinkTakeAccess } from "@/features/takes/take-access";
import { notify } from "@/features/notifications/notify";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { decideCallerAccess, shareLinkState } from "@/server/access/band-access";
import { bandMemberProcedure, createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { hashSharePassword, verifySharePassword } from "./share-password";
import { consumeGuestComment, consumeShareCreate, withPasswordBudget } from "./share.rate-limits";
import { canRevokeShare, guestDisplayName, shareExpiry, shareSubject } from "./share.rules";
import { createShareInput, guestCommentInput, openShareInput, revokeShareInput } from "./share.schema";
import { sharedTakes, sharedComments } from "./shared-content";
import { isUnlocked, unlockSetCookie } from "./share-unlock";

/**
 * Links that let people outside the band hear a take, a song's takes or a
 * setlist. Members make, list and revoke them (band-scoped procedures); guests
 * open them and comment by token (public procedures). Every guest request
 * reads the link from the database and is decided by decideCallerAccess.
 */

/** Links always use APP_URL, never the request's Host header. */
export function shareUrl(token: string): string {
  return `${env().appUrl}/s/${token}`;
}

const listSelect = {
  id: true,
  versionId: true,
  songId: true,
  setlistId: true,
  subject: true,
  expiresAt: true,
  passwordHash: true,
  allowDownload: true,
  allowComments: true,
  views: true,
  lastOpenedAt: true,
  revokedAt: true,
  createdAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.ShareLinkSelect;

type ListRow = Prisma.ShareLinkGetPayload<{ select: typeof listSelect }>;

function creatorName(createdBy: ListRow["createdBy"]): string {
  if (!createdBy) return "A former member";
  return createdBy.name?.trim() || createdBy.email.split("@")[0] || "A member";
}

const linkForGuestSelect = {
  id: true,
  bandId: true,
  versionId: true,
  songId: true,
  setlistId: true,
  subject: true,
  expiresAt: true,
  revokedAt: true,
  passwordHash: true,
  allowDownload: true,
  allowComments: true,
  band: { select: { name: true } },
} satisfies Prisma.ShareLinkSelect;

export const shareRouter = createTRPCRouter({
  create: bandMemberProcedure("MEMBER")
    .input(createShareInput)
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const expiry = shareExpiry(input.expiresAt, { role: ctx.role, now });
      if (!expiry.ok) throw new AppError(input.expiresAt === null ? "FORBIDDEN" : "BAD_REQUEST", expiry.problem, input.expiresAt === null ? "INSUFFICIENT_ROLE" : undefined);
      let subject: string;
      if (input.versionId) {
        const take = await ctx.db.version.findFirst({ where: { id: input.versionId, bandId: ctx.band.id }, select: { number: true, song: { select: { title: true } } } });
        if (!take) throw notFound("Take");
        subject = shareSubject({ kind: "take", number: take.number, songTitle: take.song.title });
      } else if (input.songId) {
        const song = await ctx.db.song.findFirst({ where: { id: input.songId, bandId: ctx.band.id }, select: { title: true } });
        if (!song) throw notFound("Song");
        subject = shareSubject({ kind: "song", title: song.title });
      } else {
        const setlist = await ctx.db.setlist.findFirst({ where: { id: input.setlistId!, bandId: ctx.band.id }, select: { name: true } });
        if (!setlist) throw notFound("Setlist");
        subject = shareSubject({ kind: "setlist", name: setlist.name });
      }
      await consumeShareCreate(ctx.db, ctx.user.id);
      const passwordHash = input.password !== undefined ? await hashSharePassword(input.password) : null;
      const { token, tokenHash } = newToken();
      const row = await ctx.db.$transaction(async (tx) => {
        const row = await tx.shareLink.create({
          data: {
            bandId: ctx.band.id,
            tokenHash,
            versionId: input.versionId ?? null,
            songId: input.songId ?? null,
            setlistId: input.setlistId ?? null,
            subject,
            expiresAt: expiry.expiresAt,
            passwordHash,
            allowDownload: input.allowDownload ?? false,
            allowComments: input.allowComments ?? false,
            createdById: ctx.user.id,
          },
          select: { id: true },
        });
        await logActivity(tx, {
          bandId: ctx.band.id,
          type: "SHARE_CREATED",
          actorId: ctx.user.id,
          versionId: input.versionId ?? null,
          songId: input.songId ?? null,
          setlistId: input.setlistId ?? null,
          subject,
        });
        return row;
      });
      // The only response that ever carries this token.
      return { id: row.id, url: shareUrl(token) };
    }),

  /** The band's links, newest first, never with a token (only its hash is stored). */
  list: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const rows = await ctx.db.shareLink.findMany({ where: { bandId: ctx.band.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: listSelect });
    const now = new Date();
    return rows.map((row) => ({
      id: row.id,
      target: row.versionId ? { kind: "take" as const, versionId: row.versionId } : row.songId ? { kind: "song" as const, songId: row.songId } : { kind: "setlist" as const, setlistId: row.setlistId! },
      subject: row.subject,
      creator: { id: row.createdById, name: creatorName(row.createdBy) },
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      options: { password: row.passwordHash != null, allowDownload: row.allowDownload, allowComments: row.allowComments },
      views: row.views,
      lastOpenedAt: row.lastOpenedAt,
      state: shareLinkState(row, now),
      canRevoke: canRevokeShare({ role: ctx.role, isCreator: row.createdById === ctx.user.id }),
    }));
  }),

  /** Its creator or an admin; the link is refused from its very next request. */
  revoke: bandMemberProcedure("MEMBER")
    .input(revokeShareInput)
    .mutation(async ({ ctx, input }) => {
      const link = await ctx.db.shareLink.findFirst({ where: { id: input.shareId, bandId: ctx.band.id }, select: { id: true, createdById: true, revokedAt: true } });
      if (!link) throw notFound("Link");
      if (!canRevokeShare({ role: ctx.role, isCreator: link.createdById === ctx.user.id })) {
        throw new AppError("FORBIDDEN", "Only the member who made a link, or a band admin, can revoke it.", "INSUFFICIENT_ROLE");
      }
      const revokedAt = link.revokedAt ?? new Date();
      if (!link.revokedAt) await ctx.db.shareLink.updateMany({ where: { id: link.id, bandId: ctx.band.id, revokedAt: null }, data: { revokedAt } });
      return { id: link.id, state: "revoked" as const };
    }),

  /**
   * What a link shares, for whoever holds it. A right password sets the unlock
   * cookie (share-unlock.ts) that the link's audio routes and comments check.
   * Counts a view.
   */
  open: publicProcedure.input(openShareInput).mutation(async ({ ctx, input }) => {
    const now = new Date();
    const link = await ctx.db.shareLink.findUnique({ where: { tokenHash: hashToken(input.token) }, select: linkForGuestSelect });
    const facts = link ? { id: link.id, bandId: link.bandId, revokedAt: link.revokedAt, expiresAt: link.expiresAt, hasPassword: link.passwordHash != null } : null;
    let unlocked = !link?.passwordHash || isUnlocked(ctx.cookies, { id: link.id, passwordHash: link.passwordHash });
    if (link?.passwordHash && !unlocked && input.password !== undefined && shareLinkState(link, now) === "active") {
      const passwordHash = link.passwordHash;
      const right = await withPasswordBudget(ctx.db, link.id, () => verifySharePassword(input.password!, passwordHash));
      if (!right) throw new AppError("FORBIDDEN", "That password is not right.", "SHARE_PASSWORD_WRONG");
      unlocked = true;
      ctx.responseHeaders?.append("Set-Cookie", unlockSetCookie({ id: link.id, passwordHash }));
    }
    decideCallerAccess({ kind: "link", link: facts, unlocked, covers: null }, "MEMBER", now);
    const granted = link!;
    await ctx.db.shareLink.update({ where: { id: granted.id }, data: { views: { increment: 1 }, lastOpenedAt: now } });
    const takes = await sharedTakes(ctx.db, granted, input.token);
    return {
      bandName: granted.band.name,
      subject: granted.subject,
      kind: granted.versionId ? ("take" as const) : granted.songId ? ("song" as const) : ("setlist" as const),
      expiresAt: granted.expiresAt,
      allowDownload: granted.allowDownload,
      allowComments: granted.allowComments,
      takes,
      comments: granted.allowComments ? await sharedComments(ctx.db, granted.bandId, takes.map((t) => t.id)) : [],
    };
  }),

  /** A guest's comment on a take the link covers, when the link takes comments. */
  comment: publicProcedure.input(guestCommentInput).mutation(async ({ ctx, input }) => {
    const { link, take } = await requireLinkTakeAccess(ctx.db, {
      tokenHash: hashToken(input.token),
      versionId: input.versionId,
      isUnlocked: (l) => isUnlocked(ctx.cookies, l),
      withNames: false,
    });
    if (!link.allowComments) throw new AppError("FORBIDDEN", "This link does not take comments.");
    await consumeGuestComment(ctx.db, link.id);
    const version = await ctx.db.version.findUniqueOrThrow({ where: { id: take.id }, select: { durationSeconds: true, songId: true, song: { select: { title: true } } } });
    const checked = (value: number | null | undefined): number | null => {
      if (value == null) return null;
      const problem = timestampProblem(value, version.durationSeconds);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      return normaliseTimestamp(value, version.durationSeconds);
    };
    const atSeconds = checked(input.atSeconds);
    const endSeconds = checked(input.endSeconds);
    if (atSeconds != null && endSeconds != null && endSeconds <= atSeconds) throw new AppError("BAD_REQUEST", "A passage must end after it starts.");
    const created = await ctx.db.$transaction(async (tx) => {
      const created = await tx.comment.create({
        data: { bandId: take.bandId, versionId: take.id, authorId: null, guestName: input.name, shareLinkId: link.id, body: input.body, atSeconds, endSeconds },
        select: { id: true, body: true, atSeconds: true, endSeconds: true, createdAt: true },
      });
      const mentioned = await storeMentions(tx, take.bandId, created.id, input.body);
      await notify.mention(tx, { commentId: created.id, userIds: mentioned });
      await logActivity(tx, { bandId: take.bandId, type: "GUEST_COMMENTED", songId: version.songId, versionId: take.id, commentId: created.id, subject: version.song.title });
      return created;
    });
    return { ...created, versionId: take.id, parentId: null, name: guestDisplayName(input.name), guest: true };
  }),
});
