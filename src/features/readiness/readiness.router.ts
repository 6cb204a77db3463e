import "server-only";

import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { notFound } from "@/server/errors";
import { setReadinessInput } from "./readiness.schema";

export const readinessRouter = createTRPCRouter({
  /** Your own "I can play this" for one of the band's songs. */
  set: bandMemberProcedure("MEMBER")
    .input(setReadinessInput)
    .mutation(async ({ ctx, input }) => {
      const song = await ctx.db.song.findFirst({ where: { id: input.songId, bandId: ctx.band.id }, select: { id: true } });
      if (!song) throw notFound("Song");
      const key = { songId: song.id, userId: ctx.user.id };
      const row = await ctx.db.songReadiness.upsert({
        where: { songId_userId: key },
        create: { ...key, bandId: ctx.band.id, ready: input.ready },
        update: { ready: input.ready },
        select: { songId: true, userId: true, ready: true },
      });
      return row;
    }),
});
