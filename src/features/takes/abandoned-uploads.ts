import fsp from "node:fs/promises";
import path from "node:path";
import { FINISHED_SUFFIX } from "./finished-uploads";
import { uploadIdSchema } from "./resumable-upload.schema";

/** An upload nobody has added a byte to for this long is abandoned. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Removes partial uploads that have not grown for `idleMs` (a day by default),
 * judged by their file's last write, not their creation: a two-hour upload
 * that started yesterday is still alive. Also removes halves left by a crash
 * (a data file without its JSON record or the reverse) once as old. Returns
 * the ids removed. Finished uploads move into storage at once; what stays of
 * them (finished-uploads.ts: which take they became) goes a day later the same way.
 */
export async function removeAbandonedUploads(directory: string, { now = new Date(), idleMs = ABANDONED_AFTER_MS }: { now?: Date; idleMs?: number } = {}): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const ids = new Set(names.map((name) => name.replace(/\.json$|\.done$/, "")).filter((id) => uploadIdSchema.safeParse(id).success));
  const removed: string[] = [];
  for (const id of ids) {
    const files = [path.join(directory, id), path.join(directory, `${id}.json`), path.join(directory, `${id}${FINISHED_SUFFIX}`)];
    const lastWrite = Math.max(...(await Promise.all(files.map(modifiedAt))));
    if (lastWrite === -Infinity || now.getTime() - lastWrite <= idleMs) continue;
    await Promise.all(files.map((file) => fsp.rm(file, { force: true })));
    removed.push(id);
  }
  return removed;
}

async function modifiedAt(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).mtimeMs;
  } catch {
    return -Infinity;
  }
}
