import type { Readable } from "node:stream";

export type StoredObject = { size: number; modifiedAt: Date };

export type PresignedGetOptions = {
  expiresInSeconds: number;
  /** The Content-Type the object store answers with. */
  contentType?: string;
  /** The Content-Disposition the object store answers with (downloads). */
  contentDisposition?: string;
};

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
  /**
   * A URL anyone holding it may GET the object from (ranges included) until it
   * expires. Only drivers backed by an object store have it.
   */
  presignedGet?(key: string, options: PresignedGetOptions): Promise<string>;
  /** Resolves when the storage answers (readiness); rejects otherwise. */
  ping?(): Promise<void>;
}
