import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Config } from "@/env";
import type { PresignedGetOptions, StorageDriver, StoredObject } from "./driver";
import { assertValidKey } from "./keys";

/**
 * Objects in one S3-compatible bucket (AWS S3, MinIO, Garage, R2, ...).
 *
 * Uploads stream through lib-storage's multipart Upload: at most `queueSize`
 * parts of `partSize` bytes are held at once, whatever the file's size. If the
 * body fails, the multipart upload is aborted, so no object appears and no
 * parts are left to pay for; S3 itself only shows an object once complete.
 */
export class S3Storage implements StorageDriver {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(config: S3Config, options: { partSize?: number; queueSize?: number; client?: Partial<S3ClientConfig> } = {}) {
    this.bucket = config.bucket;
    // 8 MiB parts, two in flight: about 16 MiB per upload at most (S3's minimum part is 5 MiB).
    this.partSize = options.partSize ?? 8 * 1024 * 1024;
    this.queueSize = options.queueSize ?? 2;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Checksums on every request would make S3-compatible servers that lack them refuse uploads.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...options.client,
    });
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    assertValidKey(key);
    // The body's own error (an aborted upload, a size limit) is what the caller must see.
    let bodyError: unknown;
    body.once("error", (error) => (bodyError ??= error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // Like stream.pipeline: whatever failed, the body is not read any further.
      body.destroy();
      // A single-part body that failed was never sent; a multipart one was aborted by Upload.
      await this.delete(key).catch(() => undefined);
      throw bodyError ?? error;
    }
    if (bodyError) {
      await this.delete(key).catch(() => undefined);
      throw bodyError;
    }
    const stored = await this.stat(key);
    if (!stored) throw new Error(`Storage object missing right after upload: ${key}`);
    return stored;
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * The GetObject starts at once; bytes flow into the returned stream with
   * backpressure. Destroying the stream (the client went away) aborts the
   * request and frees its connection.
   */
  openRange(key: string, start: number, end: number): Readable {
    assertValidKey(key);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`Invalid byte range ${start}-${end}`);
    }
    const abort = new AbortController();
    let source: Readable | undefined;
    const out = new Readable({
      highWaterMark: 64 * 1024,
      read() {
        source?.resume();
      },
      destroy(error, callback) {
        abort.abort();
        source?.destroy();
        callback(error);
      },
    });
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }), { abortSignal: abort.signal })
      .then((answer) => {
        const body = answer.Body as Readable | undefined;
        if (!body) throw new Error(`No body for ${key}`);
        if (out.destroyed) {
          body.destroy();
          return;
        }
        // Some S3-compatible servers answer a one-byte range (bytes=0-0) with the
        // whole object: never pass on more than was asked for, nor other bytes.
        const wanted = end - start + 1;
        const ranged = answer.ContentRange?.startsWith(`bytes ${start}-${end}/`);
        if (!ranged && start !== 0) {
          body.destroy();
          throw new Error(`Storage answered ${answer.ContentRange ?? "the whole object"} for bytes ${start}-${end} of ${key}`);
        }
        source = body;
        let sent = 0;
        let ended = false;
        const finish = () => {
          if (ended) return;
          ended = true;
          out.push(null);
        };
        body.on("data", (chunk: Buffer) => {
          if (sent >= wanted) return;
          const part = sent + chunk.length > wanted ? chunk.subarray(0, wanted - sent) : chunk;
          sent += part.length;
          const more = out.push(part);
          if (sent >= wanted) {
            finish();
            body.destroy();
          } else if (!more) {
            body.pause();
          }
        });
        body.once("end", () => {
          if (sent < wanted) out.destroy(new Error(`Storage sent ${sent} of ${wanted} bytes for ${key}`));
          else finish();
        });
        body.once("error", (error) => {
          if (!ended) out.destroy(error);
        });
      })
      .catch((error: unknown) => {
        if (!out.destroyed) out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    return out;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async presignedGet(key: string, options: PresignedGetOptions): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
      ResponseCacheControl: "private, no-cache",
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey";
  return false;
}
