import "server-only";

import { logActivity } from "@/features/activity/log-activity";
import { lockBandMemberships } from "@/features/members/membership-lock";
import { lockBandsForJoin, settleNameForJoin } from "@/features/profile/display-name-check";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { grantableRoles } from "@/lib/roles";
import { bandMemberProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { normalizeEmail } from "@/server/auth/email";
import { AppError } from "@/server/errors";
import { consumeAcceptAttempt, consumeInviteSend } from "./invite.rate-limits";
import { displayName, notifyAdmins, sendAfterCommit } from "./invite-notify";
import { answerBlocker, assertMayHandleInvite, emailsMatch, expiryFrom, inviteStatus, manageBlocker } from "./invite.rules";
import { hashToken, inviteUrl, newToken } from "./invite-token";
import { inviteEmail } from "./invite.emails";
import { createInviteInput, inviteIdInput, joinInput, resendInviteInput, tokenInput } from "./invite.schema";

/** The fields any member may see about an invite. Never the token hash. */
const inviteListSelect = {
  id: true,
  email: true,
  role: true,
  state: true,
  expiresAt: true,
  createdAt: true,
  acceptedAt: true,
  declinedAt: true,
  revokedAt: true,
  invitedBy: { select: { id: true, name: true, email: true } },
  acceptedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.BandInviteSelect;

type InviteRow = Prisma.BandInviteGetPayload<{ select: typeof inviteListSelect }>;

function toListItem(row: InviteRow, now: Date) {
  const { state: _stored, ...rest } = row;
  return { ...rest, status: inviteStatus(row, now) };
}

// Twenty accepts of one token queue on its row lock; give them room on a small pool.
const ANSWER_TX = { maxWait: 20_000, timeout: 20_000 } as const;

/**
 * Locks the invite row for the rest of the transaction, so that concurrent
 * answers to one token run one after another and each sees the previous one's
 * result. Returns the invite id, or null for an unknown token.
 */
async function lockInviteByToken(tx: Prisma.TransactionClient, token: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "BandInvite" WHERE "tokenHash" = ${hashToken(token)} FOR UPDATE`;
  return rows[0]?.id ?? null;
}

/** Loads a locked invite and checks it can be answered by this user; throws the contract's error otherwise. */
async function lockAnswerableInvite(tx: Prisma.TransactionClient, token: string, user: { id: string; email: string }, now: Date) {
  const id = await lockInviteByToken(tx, token);
  const invite = id
    ? await tx.bandInvite.findUnique({
        where: { id },
        select: { id: true, bandId: true, email: true, role: true, state: true, expiresAt: true, band: { select: { name: true } } },
      })
    : null;
  const blocker = answerBlocker(invite ? inviteStatus(invite, now) : null);
  if (blocker || !invite) throw blocker!;
  if (!emailsMatch(invite.email, user.email)) {
    throw new AppError("FORBIDDEN", `This invite was sent to a different email address than the one you are signed in with.`, "EMAIL_MISMATCH");
  }
  return invite;
}

async function assertNotMember(db: Prisma.TransactionClient | PrismaClient, bandId: string, email: string): Promise<void> {
  const existing = await db.bandMember.findFirst({
    where: { bandId, user: { email: { equals: normalizeEmail(email), mode: "insensitive" } } },
    select: { id: true },
  });
  if (existing) throw new AppError("CONFLICT", `${email} is already a member of this band.`, "ALREADY_MEMBER");
}

export const inviteRouter = createTRPCRouter({
  /** Every member sees the band's invites: who, which role, state, who invited, when, expiry. */
  list: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const rows = await ctx.db.bandInvite.findMany({
      where: { bandId: ctx.band.id },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: inviteListSelect,
    });
    const now = new Date();
    return { invites: rows.map((row) => toListItem(row, now)), grantableRoles: grantableRoles(ctx.role) };
  }),

  create: bandMemberProcedure("ADMIN")
    .input(createInviteInput)
    .mutation(async ({ ctx, input }) => {
      assertMayHandleInvite(ctx.role, input.role, "create");
      const email = normalizeEmail(input.email);
      await assertNotMember(ctx.db, ctx.band.id, email);
      await consumeInviteSend(ctx.db, { bandId: ctx.band.id, inviterId: ctx.user.id });

      const { token, tokenHash } = newToken();
      const now = new Date();
      const { invite, superseded } = await ctx.db.$transaction(async (tx) => {
        // One invite-writer per band at a time, so two admins inviting the same
        // address at once still leave exactly one pending invite.
        await lockBandMemberships(tx, ctx.band.id);
        const { count: superseded } = await tx.bandInvite.updateMany({
          where: { bandId: ctx.band.id, email, state: "PENDING" },
          data: { state: "REVOKED", revokedAt: now },
        });
        const invite = await tx.bandInvite.create({
          data: { bandId: ctx.band.id, email, role: input.role, tokenHash, expiresAt: expiryFrom(now, input.expiresInDays), invitedById: ctx.user.id },
          select: inviteListSelect,
        });
        await logActivity(tx, { bandId: ctx.band.id, type: "INVITE_CREATED", actorId: ctx.user.id, targetEmail: email, toRole: input.role });
        return { invite, superseded };
      });

      const link = inviteUrl(token);
      const emailSent = await sendAfterCommit(
        inviteEmail({ to: email, bandName: ctx.band.name, inviterName: displayName(ctx.user), role: input.role, url: link, expiresAt: invite.expiresAt }),
        "an invite",
      );
      // The only response that ever carries the token: shown once to the admin who created it.
      return { invite: toListItem(invite, now), link, emailSent, superseded };
    }),

  /** A new token (the old link stops working) and a renewed expiry; emailed again. */
  resend: bandMemberProcedure("ADMIN")
    .input(resendInviteInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.db.bandInvite.findFirst({
        where: { id: input.inviteId, bandId: ctx.band.id },
        select: { id: true, email: true, role: true, state: true, expiresAt: true },
      });
      if (!existing) throw new AppError("NOT_FOUND", "This invite does not exist.");
      const blocker = manageBlocker(inviteStatus(existing, new Date()), "resend");
      if (blocker) throw blocker;
      assertMayHandleInvite(ctx.role, existing.role, "resend");
      await assertNotMember(ctx.db, ctx.band.id, existing.email);
      await consumeInviteSend(ctx.db, { bandId: ctx.band.id, inviterId: ctx.user.id });

      const { token, tokenHash } = newToken();
      const now = new Date();
      const invite = await ctx.db.$transaction(async (tx) => {
        // Conditional on still being pending: a concurrent accept or revoke wins.
        const { count } = await tx.bandInvite.updateMany({
          where: { id: existing.id, bandId: ctx.band.id, state: "PENDING" },
          data: { tokenHash, expiresAt: expiryFrom(now, input.expiresInDays), invitedById: ctx.user.id },
        });
        if (count !== 1) throw new AppError("CONFLICT", "This invite was answered or revoked in the meantime.", "INVITE_USED");
        await logActivity(tx, { bandId: ctx.band.id, type: "INVITE_RESENT", actorId: ctx.user.id, targetEmail: existing.email, toRole: existing.role });
        return tx.bandInvite.findUniqueOrThrow({ where: { id: existing.id }, select: inviteListSelect });
      });

      const link = inviteUrl(token);
      const emailSent = await sendAfterCommit(
        inviteEmail({ to: invite.email, bandName: ctx.band.name, inviterName: displayName(ctx.user), role: invite.role, url: link, expiresAt: invite.expiresAt }),
        "an invite",
      );
      return { invite: toListItem(invite, now), link, emailSent };
    }),

  revoke: bandMemberProcedure("ADMIN")
    .input(inviteIdInput)
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      return ctx.db.$transaction(async (tx) => {
        const existing = await tx.bandInvite.findFirst({
          where: { id: input.inviteId, bandId: ctx.band.id },
          select: { id: true, email: true, role: true, state: true, expiresAt: true },
        });
        if (!existing) throw new AppError("NOT_FOUND", "This invite does not exist.");
        assertMayHandleInvite(ctx.role, existing.role, "revoke");
        const blocker = manageBlocker(inviteStatus(existing, now), "revoke");
        if (blocker) throw blocker;
        if (existing.state === "PENDING") {
          const { count } = await tx.bandInvite.updateMany({
            where: { id: existing.id, state: "PENDING" },
            data: { state: "REVOKED", revokedAt: now },
          });
          if (count !== 1) throw new AppError("CONFLICT", "This invite was answered in the meantime.", "INVITE_USED");
          await logActivity(tx, { bandId: ctx.band.id, type: "INVITE_REVOKED", actorId: ctx.user.id, targetEmail: existing.email, toRole: existing.role });
        }
        return toListItem(await tx.bandInvite.findUniqueOrThrow({ where: { id: existing.id }, select: inviteListSelect }), now);
      });
    }),

  /** Public and read-only: opening an invite link changes nothing. */
  preview: publicProcedure.input(tokenInput).query(async ({ ctx, input }) => {
    const invite = await ctx.db.bandInvite.findUnique({
      where: { tokenHash: hashToken(input.token) },
      select: {
        email: true,
        role: true,
        state: true,
        expiresAt: true,
        createdAt: true,
        bandId: true,
        band: { select: { name: true } },
        invitedBy: { select: { name: true, email: true } },
      },
    });
    if (!invite) throw new AppError("NOT_FOUND", "This invite does not exist.", "INVITE_NOT_FOUND");
    const isMember = ctx.user
      ? (await ctx.db.bandMember.count({ where: { bandId: invite.bandId, userId: ctx.user.id } })) > 0
      : false;
    const band = { name: invite.band.name, id: isMember ? invite.bandId : null };
    const status = inviteStatus(invite, new Date());
    if (status !== "PENDING") {
      // A used, declined, withdrawn or expired link is often forwarded or left in a
      // mailbox: it tells whoever holds it what became of it, and nobody's address.
      return {
        band,
        status,
        email: null,
        role: null,
        expiresAt: null,
        invitedAt: null,
        inviterName: null,
        viewer: ctx.user ? { email: ctx.user.email, emailMatches: null, isMember } : null,
      };
    }
    return {
      band,
      status,
      email: invite.email,
      role: invite.role,
      expiresAt: invite.expiresAt,
      invitedAt: invite.createdAt,
      inviterName: invite.invitedBy ? displayName(invite.invitedBy) : null,
      viewer: ctx.user ? { email: ctx.user.email, emailMatches: emailsMatch(invite.email, ctx.user.email), isMember } : null,
    };
  }),

  /**
   * One transaction: lock the band (names) and the invite, check state and
   * address, settle the joiner's name, add the membership, mark the invite
   * used, log.
   */
  accept: protectedProcedure.input(joinInput).mutation(async ({ ctx, input }) => {
    await consumeAcceptAttempt(ctx.db, ctx.user.id);
    const now = new Date();
    const result = await ctx.db.$transaction(async (tx) => {
      const target = await tx.bandInvite.findUnique({ where: { tokenHash: hashToken(input.token) }, select: { bandId: true } });
      if (target) await lockBandsForJoin(tx, { userId: ctx.user.id, bandId: target.bandId, name: input.name });
      const invite = await lockAnswerableInvite(tx, input.token, ctx.user, now);
      const member = await tx.bandMember.findUnique({ where: { bandId_userId: { bandId: invite.bandId, userId: ctx.user.id } }, select: { id: true } });
      if (member) throw new AppError("CONFLICT", "You are already a member of this band.", "ALREADY_MEMBER");
      await settleNameForJoin(tx, { userId: ctx.user.id, bandId: invite.bandId, name: input.name });

      // The row lock already serializes answers; the state condition makes single use hold even without it.
      const { count } = await tx.bandInvite.updateMany({
        where: { id: invite.id, state: "PENDING" },
        data: { state: "ACCEPTED", acceptedById: ctx.user.id, acceptedAt: now },
      });
      if (count !== 1) throw new AppError("CONFLICT", "This invite has already been used.", "INVITE_USED");
      await tx.bandMember.create({ data: { bandId: invite.bandId, userId: ctx.user.id, role: invite.role } });
      await logActivity(tx, { bandId: invite.bandId, type: "INVITE_ACCEPTED", actorId: ctx.user.id, targetUserId: ctx.user.id, targetEmail: invite.email, toRole: invite.role });
      await logActivity(tx, { bandId: invite.bandId, type: "MEMBER_JOINED", actorId: ctx.user.id, targetUserId: ctx.user.id, toRole: invite.role });
      return { bandId: invite.bandId, bandName: invite.band.name, role: invite.role };
    }, ANSWER_TX);

    await notifyAdmins(ctx.db, { bandId: result.bandId, bandName: result.bandName, actorId: ctx.user.id, who: displayName({ ...ctx.user, name: input.name ?? ctx.user.name }), outcome: "joined", via: "invite" });
    return result;
  }),

  decline: protectedProcedure.input(tokenInput).mutation(async ({ ctx, input }) => {
    await consumeAcceptAttempt(ctx.db, ctx.user.id);
    const now = new Date();
    const result = await ctx.db.$transaction(async (tx) => {
      const invite = await lockAnswerableInvite(tx, input.token, ctx.user, now);
      const { count } = await tx.bandInvite.updateMany({
        where: { id: invite.id, state: "PENDING" },
        data: { state: "DECLINED", declinedAt: now },
      });
      if (count !== 1) throw new AppError("CONFLICT", "This invite has already been used.", "INVITE_USED");
      await logActivity(tx, { bandId: invite.bandId, type: "INVITE_DECLINED", actorId: ctx.user.id, targetEmail: invite.email, toRole: invite.role });
      return { bandId: invite.bandId, bandName: invite.band.name };
    }, ANSWER_TX);

    await notifyAdmins(ctx.db, { bandId: result.bandId, bandName: result.bandName, actorId: ctx.user.id, who: displayName(ctx.user), outcome: "declined", via: "invite" });
    return { bandName: result.bandName, status: "DECLINED" as const };
  }),
});
