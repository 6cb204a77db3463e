import "server-only";

import type { Prisma } from "@/generated/prisma/client";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { notFound } from "@/server/errors";
import { createSongInput, getSongInput, listSongsInput, updateSongInput } from "./song.schema";

const songSelect = {
  id: true,
  title: true,
  archivedAt: true,
  bestVersionId: true,
  key: true,
  tempoBpm: true,
  status: true,
  lyrics: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SongSelect;

export const songRouter = createTRPCRouter({
  create: bandMemberProcedure("MEMBER")
    .input(createSongInput)
    .mutation(async ({ ctx, input }) => {
      const song = await ctx.db.song.create({
        data: { bandId: ctx.band.id, title: input.title, createdById: ctx.user.id },
        select: songSelect,
      });
      return { ...song, versionCount: 0, latestVersionAt: null };
    }),

  /** The band's songs, most recently rehearsed first, each with its number of takes and latest take's date. */
  list: bandMemberProcedure("MEMBER")
    .input(listSongsInput)
    .query(async ({ ctx, input }) => {
      const [songs, takeStats] = await Promise.all([
        ctx.db.song.findMany({
          where: { bandId: ctx.band.id, ...(input.includeArchived ? {} : { archivedAt: null }) },
          select: songSelect,
        }),
        ctx.db.version.groupBy({
          by: ["songId"],
          where: { bandId: ctx.band.id },
          _count: { _all: true },
          _max: { createdAt: true },
        }),
      ]);
      const statsBySong = new Map(takeStats.map((s) => [s.songId, s]));
      return songs
        .map((song) => {
          const stats = statsBySong.get(song.id);
          return { ...song, versionCount: stats?._count._all ?? 0, latestVersionAt: stats?._max.createdAt ?? null };
        })
        .sort((a, b) => activityTime(b) - activityTime(a) || a.title.localeCompare(b.title));
    }),

  get: bandMemberProcedure("MEMBER")
    .input(getSongInput)
    .query(async ({ ctx, input }) => {
      const song = await ctx.db.song.findFirst({
        where: { id: input.songId, bandId: ctx.band.id },
        select: { ...songSelect, _count: { select: { versions: true } } },
      });
      if (!song) throw notFound("Song");
      const { _count, ...rest } = song;
      return { ...rest, versionCount: _count.versions };
    }),

  /** Rename, archive (archived: true) or bring back (archived: false), and edit the song sheet: any member (a band decides together). */
  update: bandMemberProcedure("MEMBER")
    .input(updateSongInput)
    .mutation(async ({ ctx, input }) => {
      const data: Prisma.SongUpdateManyMutationInput = {};
      if (input.title !== undefined) data.title = input.title;
      if (input.archived !== undefined) data.archivedAt = input.archived ? new Date() : null;
      for (const field of ["key", "tempoBpm", "status", "lyrics", "notes"] as const) {
        if (input[field] !== undefined) Object.assign(data, { [field]: input[field] });
      }
      // updateMany so that the band scope is part of the write itself.
      const { count } = await ctx.db.song.updateMany({ where: { id: input.songId, bandId: ctx.band.id }, data });
      if (count === 0) throw notFound("Song");
      return ctx.db.song.findUniqueOrThrow({ where: { id: input.songId }, select: songSelect });
    }),
});

function activityTime(song: { latestVersionAt: Date | null; createdAt: Date }): number {
  return (song.latestVersionAt ?? song.createdAt).getTime();
}
