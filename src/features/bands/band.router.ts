import "server-only";

import { logActivity } from "@/features/activity/log-activity";
import { lockBandMemberships } from "@/features/members/membership-lock";
import { bandMemberProcedure, createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { getStorage } from "@/server/storage";
import { log } from "@/server/log";
import { consumeBandCreate } from "./band.rate-limits";
import { createBandInput, updateBandInput } from "./band.schema";

export const bandRouter = createTRPCRouter({
  create: protectedProcedure.input(createBandInput).mutation(async ({ ctx, input }) => {
    await consumeBandCreate(ctx.db, ctx.user.id);
    return ctx.db.$transaction(async (tx) => {
      const band = await tx.band.create({
        data: { name: input.name, members: { create: { userId: ctx.user.id, role: "OWNER" } } },
        select: { id: true, name: true, createdAt: true },
      });
      await logActivity(tx, { bandId: band.id, type: "BAND_CREATED", actorId: ctx.user.id, targetUserId: ctx.user.id, toRole: "OWNER" });
      return { ...band, role: "OWNER" as const };
    });
  }),

  list: protectedProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db.bandMember.findMany({
      where: { userId: ctx.user.id },
      orderBy: { band: { name: "asc" } },
      select: {
        role: true,
        createdAt: true,
        band: {
          select: {
            id: true,
            name: true,
            createdAt: true,
            _count: { select: { members: true, songs: { where: { archivedAt: null } } } },
          },
        },
      },
    });
    return memberships.map(({ role, createdAt, band }) => ({
      id: band.id,
      name: band.name,
      role,
      joinedAt: createdAt,
      memberCount: band._count.members,
      songCount: band._count.songs,
    }));
  }),

  get: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const band = await ctx.db.band.findUniqueOrThrow({
      where: { id: ctx.band.id },
      select: { id: true, name: true, createdAt: true, _count: { select: { members: true } } },
    });
    return { id: band.id, name: band.name, createdAt: band.createdAt, memberCount: band._count.members, myRole: ctx.role };
  }),

  update: bandMemberProcedure("ADMIN")
    .input(updateBandInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        const band = await tx.band.update({ where: { id: ctx.band.id }, data: { name: input.name }, select: { id: true, name: true } });
        if (band.name !== ctx.band.name) await logActivity(tx, { bandId: band.id, type: "BAND_RENAMED", actorId: ctx.user.id });
        return band;
      });
    }),

  /**
   * Deletes the band and, by cascade, its members, songs, versions, comments,
   * invites, join links and activity. Audio files go after the commit: a
   * rolled-back delete must not have lost them, and a file left behind by a
   * failed unlink is only wasted space.
   */
  delete: bandMemberProcedure("OWNER").mutation(async ({ ctx }) => {
    const storageKeys = await ctx.db.$transaction(async (tx) => {
      await lockBandMemberships(tx, ctx.band.id);
      const versions = await tx.version.findMany({ where: { bandId: ctx.band.id }, select: { storageKey: true } });
      await tx.band.delete({ where: { id: ctx.band.id } });
      return versions.map((v) => v.storageKey);
    });
    const storage = getStorage();
    const results = await Promise.allSettled(storageKeys.map((key) => storage.delete(key)));
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length) {
      log().error({ err: (failed[0] as PromiseRejectedResult).reason, failed: failed.length, of: storageKeys.length }, "band.delete: audio files could not be deleted");
    }
    return { id: ctx.band.id, name: ctx.band.name, deletedFiles: storageKeys.length - failed.length };
  }),
});
