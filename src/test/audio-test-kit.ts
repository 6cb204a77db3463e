import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resetEnvForTests } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/server/auth/session";
import { createTake } from "@/test/takes";

/** A temp DATA_DIR whose STORAGE_DIR the app's getStorage() uses for this test file. */
export function useTempStorage() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rh-audio-"));
  const storageDir = path.join(dataDir, "audio");
  process.env.DATA_DIR = dataDir;
  process.env.STORAGE_DIR = storageDir;
  resetEnvForTests();
  return {
    storageDir,
    /** Every regular file under STORAGE_DIR (temp files included), relative. */
    async files(): Promise<string[]> {
      if (!fs.existsSync(storageDir)) return [];
      const entries = await fsp.readdir(storageDir, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => path.relative(storageDir, path.join(e.parentPath, e.name))).sort();
    },
    cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resetEnvForTests();
    },
  };
}

export async function createSong(db: PrismaClient, bandId: string, title = "Song") {
  return db.song.create({ data: { bandId, title } });
}

/** A take whose file holds exactly `bytes` (the shared createTake), with the stored file's path. */
export async function seedTake(db: PrismaClient, { bandId, songId, uploader, bytes, contentType = "audio/wav" }: {
  bandId: string; songId: string; uploader: SessionUser; bytes: Buffer; contentType?: string;
}) {
  const version = await createTake(db, { bandId, songId, uploaderId: uploader.id, bytes, contentType });
  return { version, path: path.join(process.env.STORAGE_DIR!, version.storageKey) };
}

/** How many of this process's open file descriptors point at `file` (Linux). */
export function openDescriptorsFor(file: string): number {
  let count = 0;
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === file) count++;
    } catch {
      // closed while we looked
    }
  }
  return count;
}
