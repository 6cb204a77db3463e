import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { StorageDriver, StoredObject } from "./driver";

const KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9/_-]{0,200}(\.[a-z0-9]{1,8})?$/;

/** Files under one root directory; writes go to a temp file that is renamed into place. */
export class LocalDiskStorage implements StorageDriver {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key) || key.includes("..")) throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const target = this.pathFor(key);
    const tmpDir = path.join(this.root, ".tmp");
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    try {
      await pipeline(body, fs.createWriteStream(tmp, { flags: "wx" }));
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
    const stat = await fsp.stat(target);
    return { size: stat.size, modifiedAt: stat.mtime };
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const stat = await fsp.stat(this.pathFor(key));
      return { size: stat.size, modifiedAt: stat.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  openRange(key: string, start: number, end: number): Readable {
    return fs.createReadStream(this.pathFor(key), { start, end, highWaterMark: 64 * 1024 });
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { force: true });
  }
}
