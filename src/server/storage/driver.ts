import type { Readable } from "node:stream";

export type StoredObject = { size: number; modifiedAt: Date };

/**
 * Where audio bytes live. Narrow on purpose: an S3-compatible driver can be
 * added behind it without touching callers.
 */
export interface StorageDriver {
  /** Writes the whole stream under `key`; the object appears only once complete. */
  put(key: string, body: Readable): Promise<StoredObject>;
  stat(key: string): Promise<StoredObject | null>;
  /** Bytes `start`..`end` inclusive, as a stream with backpressure. */
  openRange(key: string, start: number, end: number): Readable;
  /** Idempotent: deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}
