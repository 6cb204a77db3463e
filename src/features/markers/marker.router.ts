import "server-only";

import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { timestampProblem } from "@/features/comments/comment.rules";
import { toSongSeconds } from "./marker-shift.rules";
import { createMarkerInput, deleteMarkerInput, listMarkersInput } from "./marker.schema";

const markerSelect = { id: true, songId: true, versionId: true, songSeconds: true, endSongSeconds: true, label: true, createdAt: true } as const;

/** Private practice markers: every query is limited to the caller's own. */
export const markerRouter = createTRPCRouter({
  /** My markers on a song, in song time (markersForTake places them on a take). */
  list: bandMemberProcedure("MEMBER")
    .input(listMarkersInput)
    .query(async ({ ctx, input }) => {
      const song = await ctx.db.song.findFirst({ where: { id: input.songId, bandId: ctx.band.id }, select: { id: true } });
      if (!song) throw notFound("Song");
      return ctx.db.practiceMarker.findMany({
        where: { songId: song.id, bandId: ctx.band.id, userId: ctx.user.id },
        orderBy: [{ songSeconds: "asc" }, { id: "asc" }],
        select: markerSelect,
      });
    }),

  /** Placed on a take, stored in song time (the take's offset taken off). */
  create: bandMemberProcedure("MEMBER")
    .input(createMarkerInput)
    .mutation(async ({ ctx, input }) => {
      const take = await ctx.db.version.findFirst({
        where: { id: input.versionId, songId: input.songId, bandId: ctx.band.id },
        select: { id: true, songId: true, offsetSeconds: true, durationSeconds: true },
      });
      if (!take) throw notFound("Take");
      for (const t of [input.atSeconds, input.endSeconds]) {
        const problem = t == null ? null : timestampProblem(t, take.durationSeconds);
        if (problem) throw new AppError("BAD_REQUEST", problem);
      }
      return ctx.db.practiceMarker.create({
        data: {
          bandId: ctx.band.id,
          songId: take.songId,
          userId: ctx.user.id,
          versionId: take.id,
          songSeconds: toSongSeconds(input.atSeconds, take.offsetSeconds),
          endSongSeconds: input.endSeconds == null ? null : toSongSeconds(input.endSeconds, take.offsetSeconds),
          label: input.label,
        },
        select: markerSelect,
      });
    }),

  /** Mine only: anyone else's marker is NOT_FOUND, as if it did not exist. */
  delete: bandMemberProcedure("MEMBER")
    .input(deleteMarkerInput)
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.practiceMarker.deleteMany({ where: { id: input.markerId, bandId: ctx.band.id, userId: ctx.user.id } });
      if (count === 0) throw notFound("Marker");
      return { id: input.markerId };
    }),
});
