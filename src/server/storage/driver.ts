import type { Readable } from "node:stream";

export type StoredObject = { size: number; modifiedAt: Date };

/**
 * Where audio bytes live. Narrow on purpose: an S3-compatible driver can be
 * added behind it without touching callers.
 */
export interface StorageDriver {
  /**
   * Writes the whole stream under `key`; the object appears only once complete.
   * If `body` errors (an aborted upload, a size limit), nothing is left behind
   * and the promise rejects with that error.
   */
  put(key: string, body: Readable): Promise<StoredObject>;
  /** null when there is no object under `key`. */
  stat(key: string): Promise<StoredObject | null>;
  /** Bytes `start`..`end` inclusive, as a stream with backpressure. Destroying it releases the file. */
  openRange(key: string, start: number, end: number): Readable;
  /** Idempotent: deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}
