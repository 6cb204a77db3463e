import { logActivity } from "@/features/activity/log-activity";
import { bandMemberProcedure, createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { createBandInput } from "./band.schema";

export const bandRouter = createTRPCRouter({
  create: protectedProcedure.input(createBandInput).mutation(async ({ ctx, input }) => {
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
});
