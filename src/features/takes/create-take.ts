import { randomUUID } from "node:crypto";
import { parseStream, type IAudioMetadata } from "music-metadata";
import type { PrismaClient } from "@/generated/prisma/client";
import { takeView } from "@/features/takes/duplicate-takes";
import { versionSelect } from "@/features/takes/take.view";
import { logTakeUploaded } from "@/features/activity/log-activity";
import { notify } from "@/features/notifications/notify";
import { AppError } from "@/server/errors";
import { enqueueProcessTake } from "@/server/jobs/enqueue";
import { implausibleAudio } from "@/server/media/plausible-audio";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import type { StorageDriver } from "@/server/storage";
import { storedContentType, type AudioFormat } from "@/server/media/audio-format";
import { isNewSongTarget, type SongUploadTarget, type UploadTarget } from "./upload-target";
import type { UploadFields } from "./upload.schema";

/** A complete file already in storage, its format sniffed from its first bytes. */
export type StoredAudio = {
  key: string;
  size: number;
  format: AudioFormat;
  originalName: string;
  /** SHA-256 (hex) of the stored bytes, computed while they were stored. */
  sha256: string;
};

export type CreatedTake = Awaited<ReturnType<typeof takeView>> & { streamUrl: string };

/**
 * The one way a take comes into being, whichever way its bytes arrived
 * (multipart POST or a finished resumable upload): read the stored file's
 * facts, refuse a file with no sound (a silent video) and headers that cannot
 * be real audio of the file's size (before any tool works on it), keep a video
 * with its video content type (processing keeps only its sound), create the Version row
 * and answer with the same view of it as version.get. A take for a new song
 * creates that song in the same transaction, only once its bytes are accepted:
 * a refused file, or a browser that closes half-way, never leaves an empty
 * song. On any failure the stored file is removed again, so nothing is left
 * behind.
 */
export async function createTakeFromStoredFile(
  deps: { db: PrismaClient; storage: StorageDriver },
  target: UploadTarget,
  stored: StoredAudio,
  fields: UploadFields,
): Promise<CreatedTake> {
  const version = await storeTakeRow(deps, target, stored, fields);
  // The take exists from here on: its file stays whatever happens to this answer.
  const { access } = target;
  const view = await takeView(deps.db, access.band.id, version, { userId: access.userId, role: access.role });
  return { ...view, streamUrl: `/api/versions/${version.id}/stream` };
}

/** Checks the stored file and creates the row with its job; on any failure the stored file is removed. */
async function storeTakeRow(deps: { db: PrismaClient; storage: StorageDriver }, target: UploadTarget, stored: StoredAudio, fields: UploadFields) {
  try {
    const metadata = await readMetadata(deps.storage, stored);
    const kept = storedContentType(stored.format, metadata);
    if ("refusal" in kept) throw new AppError("UNSUPPORTED_MEDIA_TYPE", kept.refusal);
    const format = metadata?.format;
    const implausible = implausibleAudio(
      {
        sampleRate: format?.sampleRate ?? null,
        channels: format?.numberOfChannels ?? null,
        durationSeconds: format?.duration ?? null,
        pcmBitsPerSample: format?.codec === "PCM" ? (format.bitsPerSample ?? null) : null,
      },
      stored.size,
    );
    if (implausible) throw new AppError("UNSUPPORTED_MEDIA_TYPE", implausible);
    const durationSeconds = finiteOrNull(format?.duration);
    const { access } = target;
    // The row and its processing job commit together (or not at all). The
    // take's number comes from the database (a trigger), so concurrent uploads
    // to one song never share one.
    return await deps.db.$transaction(async (tx) => {
      const songId = isNewSongTarget(target)
        ? (await tx.song.create({ data: { bandId: access.band.id, title: target.newSongTitle, createdById: access.userId }, select: { id: true } })).id
        : target.songId;
      const created = await tx.version.create({
        data: {
          bandId: access.band.id,
          songId,
          uploaderId: access.userId,
          title: fields.title,
          notes: fields.notes,
          storageKey: stored.key,
          originalName: stored.originalName,
          contentType: kept.contentType,
          sha256: stored.sha256,
          sizeBytes: BigInt(stored.size),
          durationSeconds,
          sampleRate: intOrNull(format?.sampleRate),
          channels: intOrNull(format?.numberOfChannels),
          codec: format?.codec?.slice(0, 100) ?? null,
          bitrate: intOrNull(format?.bitrate),
          bitDepth: format?.lossless ? intOrNull(format.bitsPerSample) : null,
        },
        select: versionSelect,
      });
      await enqueueProcessTake(tx, created.id, { timeLimitSeconds: processingTimeLimitSeconds({ durationSeconds, sizeBytes: stored.size }) });
      await logTakeUploaded(tx, { bandId: access.band.id, actorId: access.userId, songId, versionId: created.id });
      await notify.take(tx, { versionId: created.id });
      return created;
    });
  } catch (error) {
    await deps.storage.delete(stored.key);
    throw error;
  }
}

/** Duration and format from the stored file; null when the metadata cannot be read (the bytes are still audio). */
async function readMetadata(storage: StorageDriver, stored: StoredAudio): Promise<IAudioMetadata | null> {
  if (stored.size === 0) return null;
  const stream = storage.openRange(stored.key, 0, stored.size - 1);
  try {
    return await parseStream(stream, { mimeType: stored.format.contentType, size: stored.size }, { skipCovers: true });
  } catch {
    return null;
  } finally {
    stream.destroy();
  }
}

const finiteOrNull = (n: number | undefined) => (typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : null);
/** For integer columns: a value past a 32-bit integer (a bitrate from a hostile header) is no fact worth keeping. */
const intOrNull = (n: number | undefined) => (typeof n === "number" && Number.isFinite(n) && n > 0 && n <= 2_147_483_647 ? Math.round(n) : null);

/** Where a new take's file goes: generated here, never derived from the client's file name. */
export const takeStorageKey = (bandId: string, format: AudioFormat) => `bands/${bandId}/${randomUUID()}.${format.ext}`;

/** What an upload over the size limit is refused with. */
export const uploadLimitMessage = (maxBytes: number) => `That file is too large: the limit is ${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB.`;

/** A take as the upload answers with it, for a caller already checked by requireUploadTarget; null when it is gone. */
export async function loadCreatedTake(db: PrismaClient, target: SongUploadTarget, versionId: string): Promise<CreatedTake | null> {
  const version = await db.version.findFirst({ where: { id: versionId, bandId: target.access.band.id, songId: target.songId }, select: versionSelect });
  if (!version) return null;
  const view = await takeView(db, target.access.band.id, version, { userId: target.access.userId, role: target.access.role });
  return { ...view, streamUrl: `/api/versions/${version.id}/stream` };
}
