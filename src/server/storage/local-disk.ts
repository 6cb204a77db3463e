import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { StorageDriver, StoredObject } from "./driver";
import { assertValidKey } from "./keys";

/**
 * Files under one root directory. Writes go to a temp file inside the root (same
 * file system, so the rename is atomic) and appear under their key only once
 * complete; a failed or aborted write leaves nothing behind.
 */
export class LocalDiskStorage implements StorageDriver {
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.tmpDir = path.join(this.root, ".tmp");
  }

  private pathFor(key: string): string {
    assertValidKey(key);
    const full = path.join(this.root, key);
    // Belt and braces: the key pattern already rules out "..", absolute paths and backslashes.
    if (!full.startsWith(this.root + path.sep)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
    return full;
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const target = this.pathFor(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    try {
      await pipeline(body, fs.createWriteStream(tmp, { flags: "wx" }));
      await publish(tmp, target);
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    const stat = await fsp.stat(target);
    return { size: stat.size, modifiedAt: stat.mtime };
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const stat = await fsp.stat(this.pathFor(key));
      if (!stat.isFile()) return null;
      return { size: stat.size, modifiedAt: stat.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  openRange(key: string, start: number, end: number): Readable {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`Invalid byte range ${start}-${end}`);
    }
    // 64 KiB reads: measured to keep memory flat with slow clients (see toolchain notes).
    return fs.createReadStream(this.pathFor(key), { start, end, highWaterMark: 64 * 1024 });
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { force: true });
  }

  /** The root exists (or can be made) and is a writable directory. */
  async ping(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.R_OK | fs.constants.W_OK);
  }
}

/** Moves a finished temp file into place without ever replacing an existing object. */
async function publish(tmp: string, target: string): Promise<void> {
  try {
    await fsp.link(tmp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links: fall back to rename after checking the key is free.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    if (await fsp.stat(target).then(() => true, () => false)) {
      throw Object.assign(new Error(`Storage object exists: ${target}`), { code: "EEXIST" });
    }
    await fsp.rename(tmp, target);
  }
}
