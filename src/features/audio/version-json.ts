import type { Prisma } from "@/generated/prisma/client";

/** The fields of a version that the upload route returns (never the storage key). */
export const versionJsonSelect = {
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
  createdAt: true,
} satisfies Prisma.VersionSelect;

type VersionRow = Prisma.VersionGetPayload<{ select: typeof versionJsonSelect }>;

/** Plain JSON (sizes as numbers, dates as ISO strings) for route-handler responses. */
export function toVersionJson(row: VersionRow) {
  return { ...row, sizeBytes: Number(row.sizeBytes), createdAt: row.createdAt.toISOString(), streamUrl: `/api/versions/${row.id}/stream` };
}
