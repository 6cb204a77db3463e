import type { Prisma } from "@/generated/prisma/client";
import type { BandRole } from "@/lib/roles";
import { canEditVersion } from "./take.rules";

/** The fields of a take that members see; never the storage key. */
export const versionSelect = {
  id: true,
  bandId: true,
  songId: true,
  title: true,
  notes: true,
  uploaderId: true,
  originalName: true,
  contentType: true,
  sizeBytes: true,
  durationSeconds: true,
  sampleRate: true,
  channels: true,
  codec: true,
  bitrate: true,
  bitDepth: true,
  number: true,
  offsetSeconds: true,
  processing: true,
  processingError: true,
  processedAt: true,
  loudnessLufs: true,
  truePeakDb: true,
  // Only whether they exist leaves the server (as URLs), never the keys.
  peaksKey: true,
  renditionContentType: true,
  createdAt: true,
  updatedAt: true,
  uploader: { select: { id: true, name: true, email: true } },
  song: { select: { bestVersionId: true } },
  _count: { select: { comments: true } },
} satisfies Prisma.VersionSelect;

type VersionRow = Prisma.VersionGetPayload<{ select: typeof versionSelect }>;

/** A take as the API returns it, with what the caller may do to it. */
export function toVersionView(row: VersionRow, viewer: { userId: string; role: BandRole }) {
  const { song, _count, sizeBytes, peaksKey, renditionContentType, ...rest } = row;
  return {
    ...rest,
    // Only FAILED takes carry a reason.
    processingError: row.processing === "FAILED" ? row.processingError : null,
    peaksUrl: peaksKey ? `/api/versions/${row.id}/peaks` : null,
    /** What the stream serves: the rendition's type once there is one, else the original's. */
    streamContentType: renditionContentType ?? row.contentType,
    // BigInt in the database (1 GB+ files); a JS number is exact far beyond any upload limit.
    sizeBytes: Number(sizeBytes),
    isBest: song.bestVersionId === row.id,
    commentCount: _count.comments,
    canEdit: canEditVersion({ role: viewer.role, isUploader: row.uploaderId === viewer.userId }),
    /** Uploader or admin, and only once processing has failed. */
    canRetryProcessing: row.processing === "FAILED" && canEditVersion({ role: viewer.role, isUploader: row.uploaderId === viewer.userId }),
  };
}

export type VersionView = ReturnType<typeof toVersionView>;
