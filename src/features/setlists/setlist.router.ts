import "server-only";

import { logSetlistChanged, logSetlistEvent } from "@/features/activity/log-activity";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { personName } from "@/lib/person";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { readinessKey, songsNotReady, takeForSet, totalDuration } from "./setlist.rules";
import { createSetlistInput, deleteSetlistInput, getSetlistInput, setGigNotesInput, setSetlistSongsInput, updateSetlistInput } from "./setlist.schema";

type Db = PrismaClient | Prisma.TransactionClient;

const setlistSelect = { id: true, name: true, performAt: true, notes: true, createdAt: true, updatedAt: true } satisfies Prisma.SetlistSelect;
const takeSelect = { id: true, durationSeconds: true, createdAt: true } satisfies Prisma.VersionSelect;

async function requireSetlist(db: Db, bandId: string, setlistId: string) {
  const setlist = await db.setlist.findFirst({ where: { id: setlistId, bandId }, select: setlistSelect });
  if (!setlist) throw notFound("Setlist");
  return setlist;
}

/** Who counts for readiness: the band's current members, in the order they joined. */
async function bandPeople(db: Db, bandId: string) {
  const rows = await db.bandMember.findMany({
    where: { bandId },
    // The user id breaks ties, so two members who joined in the same millisecond keep one order.
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    select: { userId: true, part: true, user: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, displayName: personName(r.user), part: r.part }));
}

export const setlistRouter = createTRPCRouter({
  create: bandMemberProcedure("MEMBER")
    .input(createSetlistInput)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const setlist = await tx.setlist.create({ data: { bandId: ctx.band.id, name: input.name, performAt: input.performAt ?? null }, select: setlistSelect });
        await logSetlistEvent(tx, { bandId: ctx.band.id, actorId: ctx.user.id, setlistId: setlist.id, name: setlist.name, created: true });
        return setlist;
      }),
    ),

  /** The band's setlists, dated ones soonest first, then undated; each with its song count and how many songs someone is not ready for. */
  list: bandMemberProcedure("MEMBER").query(async ({ ctx }) => {
    const [setlists, memberIds, readiness] = await Promise.all([
      ctx.db.setlist.findMany({
        where: { bandId: ctx.band.id },
        orderBy: [{ performAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
        select: { ...setlistSelect, songs: { select: { songId: true } } },
      }),
      ctx.db.bandMember.findMany({ where: { bandId: ctx.band.id }, select: { userId: true } }),
      ctx.db.songReadiness.findMany({ where: { bandId: ctx.band.id, ready: true }, select: { songId: true, userId: true } }),
    ]);
    const ready = new Set(readiness.map((r) => readinessKey(r.songId, r.userId)));
    const members = memberIds.map((m) => m.userId);
    return setlists.map(({ songs, ...setlist }) => ({
      ...setlist,
      songCount: songs.length,
      notReadyCount: songsNotReady(
        songs.map((s) => s.songId),
        members,
        ready,
      ).length,
    }));
  }),

  /** One setlist: its songs in order with the take each stands for, the total time, and every member's readiness per song. */
  get: bandMemberProcedure("MEMBER")
    .input(getSetlistInput)
    .query(async ({ ctx, input }) => {
      const setlist = await requireSetlist(ctx.db, ctx.band.id, input.setlistId);
      const [entries, people] = await Promise.all([
        ctx.db.setlistSong.findMany({
          where: { setlistId: setlist.id, bandId: ctx.band.id },
          orderBy: { position: "asc" },
          select: {
            songId: true,
            notes: true,
            song: {
              select: {
                title: true,
                key: true,
                tempoBpm: true,
                status: true,
                archivedAt: true,
                bestVersion: { select: takeSelect },
                versions: { select: takeSelect, orderBy: { createdAt: "desc" }, take: 1 },
              },
            },
          },
        }),
        bandPeople(ctx.db, ctx.band.id),
      ]);
      const songIds = entries.map((e) => e.songId);
      const readinessRows = await ctx.db.songReadiness.findMany({
        where: { bandId: ctx.band.id, songId: { in: songIds }, ready: true },
        select: { songId: true, userId: true },
      });
      const ready = new Set(readinessRows.map((r) => readinessKey(r.songId, r.userId)));
      const songs = entries.map((e) => {
        const take = takeForSet(e.song.bestVersion, e.song.versions);
        return {
          songId: e.songId,
          title: e.song.title,
          key: e.song.key,
          tempoBpm: e.song.tempoBpm,
          status: e.song.status,
          archived: e.song.archivedAt !== null,
          gigNotes: e.notes,
          take: take ? { versionId: take.id, durationSeconds: take.durationSeconds, isBest: take.isBest } : null,
          readiness: people.map((p) => ({ userId: p.userId, ready: ready.has(readinessKey(e.songId, p.userId)) })),
        };
      });
      return {
        ...setlist,
        songs,
        total: totalDuration(songs.map((s) => s.take?.durationSeconds)),
        members: people.map((p) => ({ ...p, isMe: p.userId === ctx.user.id })),
        notReadySongIds: songsNotReady(
          songIds,
          people.map((p) => p.userId),
          ready,
        ),
      };
    }),

  update: bandMemberProcedure("MEMBER")
    .input(updateSetlistInput)
    .mutation(async ({ ctx, input }) => {
      const data: Prisma.SetlistUpdateManyMutationInput = {};
      if (input.name !== undefined) data.name = input.name;
      if (input.performAt !== undefined) data.performAt = input.performAt;
      if (input.notes !== undefined) data.notes = input.notes;
      const { count } = await ctx.db.setlist.updateMany({ where: { id: input.setlistId, bandId: ctx.band.id }, data });
      if (count === 0) throw notFound("Setlist");
      const setlist = await requireSetlist(ctx.db, ctx.band.id, input.setlistId);
      await logSetlistChanged(ctx.db, { bandId: ctx.band.id, actorId: ctx.user.id, setlistId: setlist.id, name: setlist.name });
      return setlist;
    }),

  /** The set's songs, in the order given; songs that stay keep their gig notes. */
  setSongs: bandMemberProcedure("MEMBER")
    .input(setSetlistSongsInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        const setlist = await requireSetlist(tx, ctx.band.id, input.setlistId);
        const found = await tx.song.count({ where: { id: { in: input.songIds }, bandId: ctx.band.id } });
        if (found !== input.songIds.length) throw new AppError("NOT_FOUND", "One of those songs is not in this band.");
        await tx.setlistSong.deleteMany({ where: { setlistId: setlist.id, bandId: ctx.band.id, songId: { notIn: input.songIds } } });
        for (const [position, songId] of input.songIds.entries()) {
          await tx.setlistSong.upsert({
            where: { setlistId_songId: { setlistId: setlist.id, songId } },
            create: { bandId: ctx.band.id, setlistId: setlist.id, songId, position },
            update: { position },
          });
        }
        await tx.setlist.update({ where: { id: setlist.id }, data: { updatedAt: new Date() } });
        await logSetlistChanged(tx, { bandId: ctx.band.id, actorId: ctx.user.id, setlistId: setlist.id, name: setlist.name });
        return { setlistId: setlist.id, songIds: input.songIds };
      });
    }),

  /** What to remember for one song at this gig ("capo 2", "straight into the next one"). */
  setGigNotes: bandMemberProcedure("MEMBER")
    .input(setGigNotesInput)
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.setlistSong.updateMany({
        where: { setlistId: input.setlistId, songId: input.songId, bandId: ctx.band.id },
        data: { notes: input.notes },
      });
      if (count === 0) throw notFound("Song in this setlist");
      return { setlistId: input.setlistId, songId: input.songId, notes: input.notes };
    }),

  delete: bandMemberProcedure("ADMIN")
    .input(deleteSetlistInput)
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.setlist.deleteMany({ where: { id: input.setlistId, bandId: ctx.band.id } });
      if (count === 0) throw notFound("Setlist");
      return { setlistId: input.setlistId };
    }),
});
