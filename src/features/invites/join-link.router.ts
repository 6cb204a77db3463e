import "server-only";

import { logActivity } from "@/features/activity/log-activity";
import { lockBandMemberships } from "@/features/members/membership-lock";
import { lockBandsForJoin, settleNameForJoin } from "@/features/profile/display-name-check";
import type { Prisma } from "@/generated/prisma/client";
import { bandMemberProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { consumeAcceptAttempt } from "./invite.rate-limits";
import { displayName, notifyAdmins } from "./invite-notify";
import { expiryFrom } from "./invite.rules";
import { joinBlocker, joinLinkStatus } from "./join-link.rules";
import { hashToken, joinLinkUrl, newToken } from "./invite-token";
import { bandOnlyInput, joinInput, tokenInput } from "./invite.schema";
import { createJoinLinkInput } from "./join-link.schema";

/** A shareable link that lets any signed-in person join a band as a member, a limited number of times. */

const joinLinkSelect = {
  id: true,
  role: true,
  expiresAt: true,
  maxUses: true,
  uses: true,
  revokedAt: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.BandJoinLinkSelect;

type JoinLinkRow = Prisma.BandJoinLinkGetPayload<{ select: typeof joinLinkSelect }>;

function toSummary(row: JoinLinkRow, now: Date) {
  return { ...row, status: joinLinkStatus(row, now) };
}

const JOIN_TX = { maxWait: 20_000, timeout: 20_000 } as const;

export const joinLinkRouter = createTRPCRouter({
  /** The band's current link (the newest one not turned off), without its token. */
  get: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const row = await ctx.db.bandJoinLink.findFirst({
      where: { bandId: ctx.band.id, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: joinLinkSelect,
    });
    return row ? toSummary(row, new Date()) : null;
  }),

  /** Creates the band's link, replacing (turning off) any earlier one: this is also "regenerate". */
  create: bandMemberProcedure("ADMIN")
    .input(createJoinLinkInput)
    .mutation(async ({ ctx, input }) => {
      const { token, tokenHash } = newToken();
      const now = new Date();
      const row = await ctx.db.$transaction(async (tx) => {
        // One writer at a time, so two admins regenerating at once leave exactly one active link.
        await lockBandMemberships(tx, ctx.band.id);
        await tx.bandJoinLink.updateMany({ where: { bandId: ctx.band.id, revokedAt: null }, data: { revokedAt: now } });
        const row = await tx.bandJoinLink.create({
          data: { bandId: ctx.band.id, tokenHash, role: "MEMBER", expiresAt: expiryFrom(now, input.expiresInDays), maxUses: input.maxUses, createdById: ctx.user.id },
          select: joinLinkSelect,
        });
        await logActivity(tx, { bandId: ctx.band.id, type: "JOIN_LINK_CREATED", actorId: ctx.user.id, toRole: "MEMBER" });
        return row;
      });
      // The only response that carries this token.
      return { joinLink: toSummary(row, now), link: joinLinkUrl(token) };
    }),

  revoke: bandMemberProcedure("ADMIN")
    .input(bandOnlyInput)
    .mutation(async ({ ctx }) => {
      return ctx.db.$transaction(async (tx) => {
        const { count } = await tx.bandJoinLink.updateMany({ where: { bandId: ctx.band.id, revokedAt: null }, data: { revokedAt: new Date() } });
        if (count > 0) await logActivity(tx, { bandId: ctx.band.id, type: "JOIN_LINK_REVOKED", actorId: ctx.user.id });
        return { revoked: count };
      });
    }),

  /** Public and read-only, like invite.preview. */
  preview: publicProcedure.input(tokenInput).query(async ({ ctx, input }) => {
    const row = await ctx.db.bandJoinLink.findUnique({
      where: { tokenHash: hashToken(input.token) },
      select: { bandId: true, role: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true, band: { select: { name: true } }, createdBy: { select: { name: true, email: true } } },
    });
    if (!row) throw new AppError("NOT_FOUND", "This join link does not exist.", "INVITE_NOT_FOUND");
    const isMember = ctx.user ? (await ctx.db.bandMember.count({ where: { bandId: row.bandId, userId: ctx.user.id } })) > 0 : false;
    return {
      band: { name: row.band.name, id: isMember ? row.bandId : null },
      role: row.role,
      status: joinLinkStatus(row, new Date()),
      expiresAt: row.expiresAt,
      sharedBy: row.createdBy ? displayName(row.createdBy) : null,
      viewer: ctx.user ? { email: ctx.user.email, isMember } : null,
    };
  }),

  /** Joins the band; the use is counted atomically (never beyond maxUses, whatever the concurrency). */
  join: protectedProcedure.input(joinInput).mutation(async ({ ctx, input }) => {
    await consumeAcceptAttempt(ctx.db, ctx.user.id);
    const now = new Date();
    const result = await ctx.db.$transaction(async (tx) => {
      // The band first (names), then the link: the order every locker keeps.
      const target = await tx.bandJoinLink.findUnique({ where: { tokenHash: hashToken(input.token) }, select: { bandId: true } });
      if (target) await lockBandsForJoin(tx, { userId: ctx.user.id, bandId: target.bandId, name: input.name });
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "BandJoinLink" WHERE "tokenHash" = ${hashToken(input.token)} FOR UPDATE`;
      const link = locked[0]
        ? await tx.bandJoinLink.findUnique({
            where: { id: locked[0].id },
            select: { id: true, bandId: true, role: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true, band: { select: { name: true } } },
          })
        : null;
      const blocker = joinBlocker(link ? joinLinkStatus(link, now) : null);
      if (blocker || !link) throw blocker!;
      const member = await tx.bandMember.findUnique({ where: { bandId_userId: { bandId: link.bandId, userId: ctx.user.id } }, select: { id: true } });
      if (member) throw new AppError("CONFLICT", "You are already a member of this band.", "ALREADY_MEMBER");
      await settleNameForJoin(tx, { userId: ctx.user.id, bandId: link.bandId, name: input.name });

      const { count } = await tx.bandJoinLink.updateMany({
        where: { id: link.id, revokedAt: null, uses: { lt: link.maxUses } },
        data: { uses: { increment: 1 } },
      });
      if (count !== 1) throw new AppError("CONFLICT", "This join link has been used as many times as allowed.", "INVITE_USED");
      await tx.bandMember.create({ data: { bandId: link.bandId, userId: ctx.user.id, role: link.role } });
      await logActivity(tx, { bandId: link.bandId, type: "JOIN_LINK_USED", actorId: ctx.user.id, targetUserId: ctx.user.id, toRole: link.role });
      await logActivity(tx, { bandId: link.bandId, type: "MEMBER_JOINED", actorId: ctx.user.id, targetUserId: ctx.user.id, toRole: link.role });
      return { bandId: link.bandId, bandName: link.band.name, role: link.role };
    }, JOIN_TX);

    await notifyAdmins(ctx.db, { bandId: result.bandId, bandName: result.bandName, actorId: ctx.user.id, who: displayName({ ...ctx.user, name: input.name ?? ctx.user.name }), outcome: "joined", via: "join link" });
    return result;
  }),
});
