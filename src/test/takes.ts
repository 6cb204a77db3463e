import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { PrismaClient } from "@/generated/prisma/client";
import { getStorage } from "@/server/storage";

/**
 * A take as the upload route would leave it: its file in storage (the
 * configured STORAGE_DIR) and then its row. For tests of what comes after upload.
 */
export async function createTake(
  db: PrismaClient,
  { bandId, songId, uploaderId, durationSeconds = 120, createdAt, bytes = "RIFF fake audio", contentType = "audio/wav" }: {
    bandId: string;
    songId: string;
    uploaderId: string | null;
    durationSeconds?: number | null;
    createdAt?: Date;
    /** The stored file's exact content. */
    bytes?: string | Buffer;
    contentType?: string;
  },
) {
  const storageKey = `bands/${bandId}/${randomUUID()}.wav`;
  const stored = await getStorage().put(storageKey, Readable.from([typeof bytes === "string" ? Buffer.from(bytes) : bytes]));
  return db.version.create({
    data: {
      bandId,
      songId,
      uploaderId,
      storageKey,
      originalName: "rehearsal.wav",
      contentType,
      sizeBytes: BigInt(stored.size),
      durationSeconds,
      sampleRate: 44100,
      channels: 2,
      ...(createdAt ? { createdAt } : {}),
    },
  });
}
