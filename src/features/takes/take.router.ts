import "server-only";

import { logBestTakePicked } from "@/features/activity/log-activity";
import type { Prisma } from "@/generated/prisma/client";
import { bandMemberProcedure, createTRPCRouter } from "@/server/api/trpc";
import { AppError, notFound } from "@/server/errors";
import { getStorage } from "@/server/storage";
import { log } from "@/server/log";
import { enqueueProcessTake } from "@/server/jobs/enqueue";
import { derivedKeys } from "@/server/media/process-take";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import { deleteVersionInput, getVersionInput, listVersionsInput, retryProcessingInput, updateVersionInput } from "./take.schema";
import { canEditVersion } from "./take.rules";
import { takeView, takeViews } from "./duplicate-takes";
import { versionSelect } from "./take.view";

const notYours = () =>
  new AppError("FORBIDDEN", "Only the member who uploaded this take, or a band admin, can change it.", "INSUFFICIENT_ROLE");

export const takeRouter = createTRPCRouter({
  /** A song's takes, newest first, the best one marked. */
  list: bandMemberProcedure("MEMBER")
    .input(listVersionsInput)
    .query(async ({ ctx, input }) => {
      const song = await ctx.db.song.findFirst({ where: { id: input.songId, bandId: ctx.band.id }, select: { id: true } });
      if (!song) throw notFound("Song");
      const rows = await ctx.db.version.findMany({
        where: { songId: song.id, bandId: ctx.band.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: versionSelect,
      });
      const viewer = { userId: ctx.user.id, role: ctx.role };
      return takeViews(ctx.db, ctx.band.id, rows, viewer);
    }),

  get: bandMemberProcedure("MEMBER")
    .input(getVersionInput)
    .query(async ({ ctx, input }) => {
      const row = await ctx.db.version.findFirst({ where: { id: input.versionId, bandId: ctx.band.id }, select: versionSelect });
      if (!row) throw notFound("Take");
      return takeView(ctx.db, ctx.band.id, row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** Title, notes, offset and the best-take flag: uploader or admin. */
  update: bandMemberProcedure("MEMBER")
    .input(updateVersionInput)
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({
        where: { id: input.versionId, bandId: ctx.band.id },
        select: { id: true, songId: true, uploaderId: true },
      });
      if (!version) throw notFound("Take");
      if (!canEditVersion({ role: ctx.role, isUploader: version.uploaderId === ctx.user.id })) throw notYours();

      await ctx.db.$transaction(async (tx) => {
        const data: Prisma.VersionUpdateInput = {};
        if (input.title !== undefined) data.title = input.title;
        if (input.notes !== undefined) data.notes = input.notes;
        if (input.offsetSeconds !== undefined) data.offsetSeconds = input.offsetSeconds;
        if (Object.keys(data).length > 0) await tx.version.update({ where: { id: version.id }, data });

        // One best take per song by construction: it is a single column on the song.
        if (input.isBest === true) {
          const before = await tx.song.findUniqueOrThrow({ where: { id: version.songId }, select: { bestVersionId: true } });
          await tx.song.update({ where: { id: version.songId }, data: { bestVersionId: version.id } });
          if (before.bestVersionId !== version.id) {
            await logBestTakePicked(tx, { bandId: ctx.band.id, actorId: ctx.user.id, songId: version.songId, versionId: version.id });
          }
        } else if (input.isBest === false) {
          await tx.song.updateMany({ where: { id: version.songId, bestVersionId: version.id }, data: { bestVersionId: null } });
        }
      });

      const row = await ctx.db.version.findUniqueOrThrow({ where: { id: version.id }, select: versionSelect });
      return takeView(ctx.db, ctx.band.id, row, { userId: ctx.user.id, role: ctx.role });
    }),

  /** Removes the take, its comments and then its file: uploader or admin. */
  delete: bandMemberProcedure("MEMBER")
    .input(deleteVersionInput)
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({
        where: { id: input.versionId, bandId: ctx.band.id },
        select: { id: true, songId: true, uploaderId: true, storageKey: true, peaksKey: true, renditionKey: true },
      });
      if (!version) throw notFound("Take");
      if (!canEditVersion({ role: ctx.role, isUploader: version.uploaderId === ctx.user.id })) throw notYours();

      // Comments cascade; the song's best-take pointer is set null by the relation.
      const { count } = await ctx.db.version.deleteMany({ where: { id: version.id, bandId: ctx.band.id } });
      if (count === 0) throw notFound("Take");

      // The file goes only after the row is gone, so no row ever points at a missing file.
      // A failure here leaves an orphaned file, never a broken take: log it and carry on.
      try {
        const generated = derivedKeys(version.storageKey);
        // The generated files too (by their derived names: processing may still be writing them).
        const keys = new Set([version.storageKey, generated.peaksKey, generated.renditionKey, version.peaksKey, version.renditionKey]);
        for (const key of keys) if (key) await getStorage().delete(key);
      } catch (error) {
        log().error({ err: error, versionId: version.id, storageKey: version.storageKey }, "could not delete a take's file");
      }
      return { id: version.id, songId: version.songId };
    }),

  /** Processing again after it failed: uploader or admin, and only for a FAILED take. */
  retryProcessing: bandMemberProcedure("MEMBER")
    .input(retryProcessingInput)
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.db.version.findFirst({
        where: { id: input.versionId, bandId: ctx.band.id },
        select: { id: true, uploaderId: true, processing: true, durationSeconds: true, sizeBytes: true },
      });
      if (!version) throw notFound("Take");
      if (!canEditVersion({ role: ctx.role, isUploader: version.uploaderId === ctx.user.id })) {
        throw new AppError("FORBIDDEN", "Only the member who uploaded this take, or a band admin, can retry its processing.", "INSUFFICIENT_ROLE");
      }
      if (version.processing !== "FAILED") throw new AppError("CONFLICT", "Only a take whose processing failed can be retried.");

      await ctx.db.$transaction(async (tx) => {
        // The state check is repeated in the write: two retries at once queue one job.
        const { count } = await tx.version.updateMany({
          where: { id: version.id, bandId: ctx.band.id, processing: "FAILED" },
          data: { processing: "PENDING", processingError: null, processingAttempts: 0 },
        });
        if (count === 0) throw new AppError("CONFLICT", "Only a take whose processing failed can be retried.");
        const timeLimitSeconds = processingTimeLimitSeconds({ durationSeconds: version.durationSeconds, sizeBytes: Number(version.sizeBytes) });
        await enqueueProcessTake(tx, version.id, { timeLimitSeconds });
      });

      const row = await ctx.db.version.findUniqueOrThrow({ where: { id: version.id }, select: versionSelect });
      return takeView(ctx.db, ctx.band.id, row, { userId: ctx.user.id, role: ctx.role });
    }),
});
