import "server-only";

import { logActivity } from "@/features/activity/log-activity";
import type { Prisma } from "@/generated/prisma/client";
import { canChangeRole, canRemoveMember, roleLabel, roleRank, type BandRole } from "@/lib/roles";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { losesLastOwner, memberActions } from "./member.rules";
import { removeMemberInput, setPartInput, updateMemberRoleInput } from "./member.schema";
import { lockBandMemberships, lockedMembership, ownerCount } from "./membership-lock";

const LAST_OWNER_MESSAGE = "A band needs at least one owner. Make someone else an owner first.";

/** The acting member, re-read under the lock; gone means they were removed meanwhile. */
async function actingMember(tx: Prisma.TransactionClient, bandId: string, userId: string) {
  const actor = await lockedMembership(tx, bandId, userId);
  if (!actor) throw new AppError("FORBIDDEN", "You are not a member of this band.", "NOT_A_MEMBER");
  return actor;
}

async function targetMember(tx: Prisma.TransactionClient, bandId: string, userId: string) {
  const target = await lockedMembership(tx, bandId, userId);
  if (!target) throw new AppError("NOT_FOUND", "That person is not a member of this band.");
  return target;
}

const displayName = (m: { user: { name: string | null; email: string } }) => m.user.name?.trim() || m.user.email;

export const memberRouter = createTRPCRouter({
  /** Everyone in the band, owners first, with what the caller may do to each. */
  list: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const rows = await ctx.db.bandMember.findMany({
      where: { bandId: ctx.band.id },
      orderBy: { createdAt: "asc" },
      select: { userId: true, role: true, part: true, createdAt: true, user: { select: { name: true, email: true } } },
    });
    const viewer = { userId: ctx.user.id, role: ctx.role };
    return rows
      .map((row) => ({
        userId: row.userId,
        name: row.user.name,
        email: row.user.email,
        part: row.part,
        role: row.role,
        joinedAt: row.createdAt,
        isMe: row.userId === ctx.user.id,
        ...memberActions(viewer, row),
      }))
      .sort((a, b) => roleRank[b.role] - roleRank[a.role] || a.joinedAt.getTime() - b.joinedAt.getTime());
  }),

  /** Your own part in this band; nobody sets another member's. */
  setPart: bandMemberProcedure("MEMBER")
    .input(setPartInput)
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.db.bandMember.update({
        where: { bandId_userId: { bandId: ctx.band.id, userId: ctx.user.id } },
        data: { part: input.part },
        select: { userId: true, part: true },
      });
      return row;
    }),

  updateRole: bandMemberProcedure("ADMIN")
    .input(updateMemberRoleInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        await lockBandMemberships(tx, ctx.band.id);
        const actor = await actingMember(tx, ctx.band.id, ctx.user.id);
        const target = await targetMember(tx, ctx.band.id, input.userId);
        if (target.role === input.role) return { userId: target.userId, role: target.role, changed: false };
        if (!canChangeRole(actor.role, target.role, input.role)) {
          throw new AppError("FORBIDDEN", roleChangeRefusal(actor.role, target.role, input.role), "INSUFFICIENT_ROLE");
        }
        if (losesLastOwner({ ownerCount: await ownerCount(tx, ctx.band.id), from: target.role, to: input.role })) {
          throw new AppError("CONFLICT", LAST_OWNER_MESSAGE, "LAST_OWNER");
        }
        await tx.bandMember.update({
          where: { bandId_userId: { bandId: ctx.band.id, userId: target.userId } },
          data: { role: input.role },
        });
        await logActivity(tx, {
          bandId: ctx.band.id,
          type: "MEMBER_ROLE_CHANGED",
          actorId: ctx.user.id,
          targetUserId: target.userId,
          fromRole: target.role,
          toRole: input.role,
        });
        return { userId: target.userId, role: input.role, changed: true };
      });
    }),

  remove: bandMemberProcedure("ADMIN")
    .input(removeMemberInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        await lockBandMemberships(tx, ctx.band.id);
        const actor = await actingMember(tx, ctx.band.id, ctx.user.id);
        const target = await targetMember(tx, ctx.band.id, input.userId);
        if (target.userId === actor.userId) {
          throw new AppError("BAD_REQUEST", "To remove yourself, use “Leave band”.");
        }
        if (!canRemoveMember(actor.role, target.role)) {
          throw new AppError("FORBIDDEN", `Only owners can remove ${target.role === "OWNER" ? "an owner" : "that member"}.`, "INSUFFICIENT_ROLE");
        }
        if (losesLastOwner({ ownerCount: await ownerCount(tx, ctx.band.id), from: target.role, to: null })) {
          throw new AppError("CONFLICT", LAST_OWNER_MESSAGE, "LAST_OWNER");
        }
        await tx.bandMember.delete({ where: { bandId_userId: { bandId: ctx.band.id, userId: target.userId } } });
        await logActivity(tx, {
          bandId: ctx.band.id,
          type: "MEMBER_REMOVED",
          actorId: ctx.user.id,
          targetUserId: target.userId,
          fromRole: target.role,
        });
        return { userId: target.userId, name: displayName(target) };
      });
    }),

  leave: bandMemberProcedure("MEMBER").mutation(async ({ ctx }) => {
    return ctx.db.$transaction(async (tx) => {
      await lockBandMemberships(tx, ctx.band.id);
      const me = await actingMember(tx, ctx.band.id, ctx.user.id);
      if (losesLastOwner({ ownerCount: await ownerCount(tx, ctx.band.id), from: me.role, to: null })) {
        throw new AppError(
          "CONFLICT",
          "You are this band's only owner. Make someone else an owner before you leave, or delete the band.",
          "LAST_OWNER",
        );
      }
      await tx.bandMember.delete({ where: { bandId_userId: { bandId: ctx.band.id, userId: ctx.user.id } } });
      await logActivity(tx, { bandId: ctx.band.id, type: "MEMBER_LEFT", actorId: ctx.user.id, targetUserId: ctx.user.id, fromRole: me.role });
      return { bandId: ctx.band.id };
    });
  }),
});

function roleChangeRefusal(actor: BandRole, from: BandRole, to: BandRole): string {
  if (from === "OWNER") return "Only owners can change an owner's role.";
  if (roleRank[to] > roleRank[actor]) return `Only owners can make someone ${to === "OWNER" ? "an owner" : `an ${roleLabel[to].toLowerCase()}`}.`;
  return "Your role in this band does not allow that change.";
}
