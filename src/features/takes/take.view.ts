import type { AnalysisSummary } from "@/features/analysis/analysis.schema";
import type { Prisma } from "@/generated/prisma/client";
import type { BandRole } from "@/lib/roles";
import type { DuplicateOf } from "./duplicate-takes.rules";
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
  // Only to find duplicates (duplicate-takes.ts); the view carries duplicateOf instead.
  sha256: true,
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
  analysis: { select: { state: true, reason: true, bpm: true, keyLabel: true, keyConfidence: true } },
  _count: { select: { comments: true } },
} satisfies Prisma.VersionSelect;

export type VersionRow = Prisma.VersionGetPayload<{ select: typeof versionSelect }>;

/**
 * A take as the API returns it, with what the caller may do to it, and the
 * earlier take of the band with the same bytes when there is one
 * (duplicate-takes.ts finds it).
 */
export function toVersionView(row: VersionRow, viewer: { userId: string; role: BandRole }, duplicateOf: DuplicateOf | null = null) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the hash stays on the server
  const { song, _count, sizeBytes, peaksKey, renditionContentType, sha256, analysis, ...rest } = row;
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
    /** The earliest earlier take of the band with the same original bytes, or null. */
    duplicateOf,
    /** What the music analysis understood (the contract's summary), null until it is READY. */
    analysis: toAnalysisSummary(analysis),
    /** Where the analysis stands: none (not asked for yet), PENDING, RUNNING, READY or ABSENT. */
    analysisState: analysis?.state ?? ("NONE" as const),
    /** Why there is no analysis, for people: only when ABSENT. */
    analysisReason: analysis?.state === "ABSENT" ? analysis.reason : null,
  };
}

export type VersionView = ReturnType<typeof toVersionView>;

function toAnalysisSummary(analysis: VersionRow["analysis"]): AnalysisSummary | null {
  if (analysis?.state !== "READY" || analysis.bpm === null || analysis.keyLabel === null) return null;
  return { bpm: analysis.bpm, key: analysis.keyLabel, keyConfidence: analysis.keyConfidence ?? 0 };
}
