import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PrismaClient } from "@/generated/prisma/client";
import { sessionTokenFromCookies } from "@/server/auth/session-reader";
import { requireTakeAccess, type TakeForAudio } from "@/features/takes/take-access";
import { AppError } from "@/server/errors";
import { isClientGone, sendErrorResponse } from "@/server/http/node-response";
import { log } from "@/server/log";
import type { StorageDriver } from "@/server/storage";
import { assertValidKey } from "@/server/storage/keys";
import { attachmentHeader, downloadFileName } from "./download-name";
import { answerForFile, PRIVATE_HEADERS, type FileAnswer } from "./file-answer";
import type { HeaderSource } from "./validators";

/** Where nginx's `internal` location for STORAGE_DIR lives (deploy/nginx/rehearsalhub.conf). */
export const X_ACCEL_PREFIX = "/_protected_audio/";

export type TakeAudioDeps = {
  db: PrismaClient;
  storage: StorageDriver;
  /**
   * unset: the app sends the bytes; "x-accel": nginx sends them after the app's
   * check; "presigned": a redirect to a short-lived object-store URL after it.
   */
  offload: "x-accel" | "presigned" | undefined;
  /** How long a presigned URL works (AUDIO_PRESIGNED_TTL_SECONDS). */
  presignedTtlSeconds?: number;
};

/** Redirects to presigned URLs must never be kept: each one is a fresh decision. */
export const REDIRECT_HEADERS = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" } as const;

/**
 * "stream": the take to play, inline (the rendition once processing made one).
 * "download": the untouched original, as an attachment. "peaks": the waveform JSON.
 */
export type TakeAudioPurpose = "stream" | "download" | "peaks";

/** Which stored file a purpose answers with; null: none (yet). */
export function fileFor(
  take: TakeForAudio,
  purpose: TakeAudioPurpose,
  { original = false }: { original?: boolean } = {},
): { storageKey: string; contentType: string } | null {
  if (purpose === "peaks") return take.peaksKey ? { storageKey: take.peaksKey, contentType: "application/json" } : null;
  if (purpose === "stream" && !original && take.renditionKey && take.renditionContentType) {
    return { storageKey: take.renditionKey, contentType: take.renditionContentType };
  }
  return { storageKey: take.storageKey, contentType: take.contentType };
}

/**
 * GET|HEAD /api/versions/[versionId]/stream and /download, on Node's req/res
 * (a Pages Router API route: App Router route handlers cannot send
 * Content-Length, which Safari needs to seek).
 *
 * Order matters: one statement checks the session, the take and the caller's
 * membership (decided by the shared decideBandAccess), and only then is the
 * storage touched, so a refused caller never gets a byte (nor a size, ETag or
 * content type). The file is opened only when there are bytes to send and the
 * client is still there, and stream.pipeline closes it however the response
 * ends: finished, client gone, or a storage error.
 */
/**
 * Who is asking and how their access to the take is decided. Unset: a member,
 * by their session cookie (requireTakeAccess). A share link's routes pass their
 * own (requireLinkTakeAccess): both end in the same decideCallerAccess.
 */
export type TakeAudioAccess = (req: IncomingMessage, args: { versionId: string; purpose: TakeAudioPurpose }) => Promise<{ take: TakeForAudio }>;

export async function handleTakeAudio(
  req: IncomingMessage,
  res: ServerResponse,
  {
    versionId,
    purpose,
    original = false,
    access,
  }: {
    versionId: string;
    purpose: TakeAudioPurpose;
    access?: TakeAudioAccess;
    /**
     * Stream the original even when a rendition exists (`?source=original`): a
     * player that started on the original before processing finished keeps
     * getting the same bytes for its range requests.
     */
    original?: boolean;
  },
  deps: TakeAudioDeps,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { ...PRIVATE_HEADERS, Allow: "GET, HEAD", "Content-Length": "0" }).end();
    return;
  }
  try {
    const { take } = access
      ? await access(req, { versionId, purpose })
      : await requireTakeAccess(deps.db, {
          sessionToken: sessionTokenFromCookies(req.headers.cookie),
          versionId,
          minRole: "MEMBER",
          withNames: purpose === "download",
        });
    const file = fileFor(take, purpose, { original });
    if (!file) throw new AppError("NOT_FOUND", "This take's waveform is not ready yet.");
    const extra: Record<string, string> = purpose === "download" ? { "Content-Disposition": attachmentHeader(downloadFileName(take)) } : {};
    if (deps.offload === "x-accel") return offloadToNginx(res, file, extra);
    // Peaks are a small JSON the page fetches (connect-src, CORS): the app sends those itself.
    if (deps.offload === "presigned" && purpose !== "peaks") return await redirectToObjectStore(res, file, deps, extra["Content-Disposition"]);

    await sendStoredFile(req, res, file, deps.storage, extra);
  } catch (error) {
    await sendErrorResponse(res, error, PRIVATE_HEADERS);
  }
}

/**
 * Answers a GET/HEAD for one stored file with ranges and validators. No access
 * check here: callers decide first (handleTakeAudio; the benchmark's bare route).
 */
export async function sendStoredFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { storageKey: string; contentType: string },
  storage: StorageDriver,
  extra: Record<string, string> = {},
): Promise<void> {
  const object = await storage.stat(file.storageKey);
  // A take deleted a moment ago, or a file lost from storage.
  if (!object) throw new AppError("NOT_FOUND", "This take's audio is no longer available.");
  const answer = answerForFile({ method: req.method ?? "GET", headers: nodeHeaders(req.headers) }, { key: file.storageKey, ...object, contentType: file.contentType });
  await sendFileAnswer(res, answer, extra, (start, end) => storage.openRange(file.storageKey, start, end));
}

async function sendFileAnswer(
  res: ServerResponse,
  answer: FileAnswer,
  extra: Record<string, string>,
  open: (start: number, end: number) => Readable,
): Promise<void> {
  // A client that left while access was checked: answer nothing, open nothing.
  if (res.destroyed || res.socket?.destroyed !== false) {
    res.destroy();
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, ...extra });
  if (!answer.bytes) {
    res.end();
    return;
  }
  try {
    // pipeline destroys the file stream (closing the descriptor) whether the
    // response finishes, the client goes away or the read fails.
    await pipeline(open(answer.bytes.start, answer.bytes.end), res);
  } catch (error) {
    if (!isClientGone(error)) log().error({ err: error }, "sending a take failed");
    res.destroy();
  }
}

/**
 * The app has decided; nginx sends the bytes from its `internal` location
 * (sendfile, ranges, validators and Content-Length by construction). Storage
 * keys are server-generated and validated, and each segment is URL-encoded, so
 * the redirect can never leave that location.
 */
function offloadToNginx(res: ServerResponse, file: { storageKey: string; contentType: string }, extra: Record<string, string>): void {
  assertValidKey(file.storageKey);
  const uri = X_ACCEL_PREFIX + file.storageKey.split("/").map(encodeURIComponent).join("/");
  // nginx keeps Content-Type, Content-Disposition and Cache-Control from this answer.
  res.writeHead(200, { ...PRIVATE_HEADERS, "Content-Type": file.contentType, "X-Accel-Redirect": uri, ...extra });
  res.end();
}

/**
 * The app has decided; the object store sends the bytes (ranges, validators,
 * Content-Length) from a URL that works for AUDIO_PRESIGNED_TTL_SECONDS. The
 * trade-off, documented in docs/operations.md: whoever holds an issued URL keeps it until
 * it expires, even if removed from the band meanwhile. 307 keeps the method,
 * so a HEAD stays a HEAD.
 */
async function redirectToObjectStore(
  res: ServerResponse,
  file: { storageKey: string; contentType: string },
  deps: TakeAudioDeps,
  contentDisposition: string | undefined,
): Promise<void> {
  if (!deps.storage.presignedGet) throw new Error("AUDIO_OFFLOAD=presigned needs a storage driver with presigned URLs (STORAGE=s3)");
  const url = await deps.storage.presignedGet(file.storageKey, {
    expiresInSeconds: deps.presignedTtlSeconds ?? 300,
    contentType: file.contentType,
    contentDisposition,
  });
  if (res.destroyed) return;
  res.writeHead(307, { ...REDIRECT_HEADERS, Location: url, "Content-Length": "0" });
  res.end();
}

/** Node's request headers (lower-case names, repeated fields as arrays) behind the Headers-like interface. */
function nodeHeaders(headers: IncomingHttpHeaders): HeaderSource {
  return {
    get(name) {
      const value = headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
