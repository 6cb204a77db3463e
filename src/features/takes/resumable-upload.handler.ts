import fs from "node:fs";
import { pipeline as pipelineCallback } from "node:stream";
import { Server, type ServerOptions } from "@tus/server";
import { Metadata, type Locker, type Upload } from "@tus/utils";
import type { PrismaClient } from "@/generated/prisma/client";
import { detectAudioFormat, SNIFF_BYTES } from "@/server/media/audio-format";
import { createTakeFromStoredFile, loadCreatedTake, takeStorageKey, uploadLimitMessage } from "@/features/takes/create-take";
import { requireUploadDestination, requireUploadTarget, type UploadTarget } from "@/features/takes/upload-target";
import type { RouteContext } from "@/server/access/route-access";
import { AppError, toAppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import { log } from "@/server/log";
import type { StorageDriver } from "@/server/storage";
import { notAudio, readHead, type AudioSniffingFileStore } from "./audio-sniffing-file-store";
import { sha256Tap } from "./stream-utils";
import { forgetFinishedUpload, readFinishedUpload, recordFinishedUpload, type FinishedUpload } from "./finished-uploads";
import {
  RESUMABLE_UPLOADS_PATH,
  resumableUploadMetadataSchema,
  storedUploadMetadataSchema,
  uploadIdSchema,
  type StoredUploadMetadata,
} from "./resumable-upload.schema";

export type ResumableUploadDeps = {
  storage: StorageDriver;
  /** Partial uploads, until they are complete and moved into storage. */
  store: AudioSniffingFileStore;
  /** Serialises requests on one upload (one app instance holds an upload's bytes). */
  locker: Locker;
  maxUploadBytes: number;
};

/**
 * The tus 1.0 endpoint (@tus/server over @tus/file-store), at
 * /api/uploads (create) and /api/uploads/<id> (HEAD, PATCH, DELETE).
 *
 * Every request is checked here before tus sees it, by the same rule as the
 * multipart route (requireUploadTarget: signed in, a member of the band, the
 * song in it and not archived), read from the database each time, so a member
 * removed mid-upload is refused on their next PATCH. The band and song are
 * named once, in the creating POST's Upload-Metadata (the song may be a new
 * one, by its title: it is created with the take, when the last byte is in
 * and the file is accepted); the server keeps them
 * with the upload together with its creator, and only that creator may go on
 * with it. Size: Upload-Length is required and checked against MAX_UPLOAD_MB
 * at creation (413), and tus itself never takes more bytes than declared.
 * Type: the first bytes are sniffed as they arrive (415, upload removed). The
 * take is created only once the last byte is in: the file moves into storage
 * and createTakeFromStoredFile makes the take, whose JSON the final request
 * answers with. What stays is a record of which take it became, so that a
 * client whose final answer was lost finds the upload complete (HEAD) and
 * fetches the take (GET) instead of sending the file again.
 */
export async function handleResumableUpload(request: Request, ctx: RouteContext, deps: ResumableUploadDeps): Promise<Response> {
  try {
    // Same-origin clients never preflight; answered by tus for completeness.
    if (request.method === "OPTIONS") return await tusServer(deps, ctx.db, null).handleWeb(request);
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
    const id = uploadIdFrom(request.url);

    if (request.method === "POST") {
      if (id !== null) return methodNotAllowed("HEAD, PATCH, DELETE");
      const metadata = creationMetadata(request.headers, deps.maxUploadBytes);
      const target = await requireUploadDestination(ctx, metadata);
      const stored: StoredUploadMetadata = { ...metadata, userId: ctx.user.id };
      return await tusServer(deps, ctx.db, target, { stored }).handleWeb(request);
    }

    if (id === null) return methodNotAllowed("POST");
    if (!["HEAD", "PATCH", "DELETE", "GET"].includes(request.method)) return methodNotAllowed("HEAD, PATCH, DELETE, GET");
    const stored = await storedMetadata(deps.store, id);
    if (!stored) {
      const finished = await readFinishedUpload(deps.store.directory, id);
      if (!finished) throw new AppError("NOT_FOUND", "This upload does not exist (it may have expired). Start it again.");
      if (finished.userId !== ctx.user.id) throw notCreator();
      return await answerFinished(request, ctx, deps, id, finished);
    }
    if (stored.userId !== ctx.user.id) throw notCreator();
    const target = await requireUploadDestination(ctx, stored);
    // tus defines no GET: the take exists only once the upload is complete (see answerFinished).
    if (request.method === "GET") throw new AppError("NOT_FOUND", "This upload is not complete yet.");
    return await tusServer(deps, ctx.db, target, { stored }).handleWeb(request);
  } catch (error) {
    return errorResponse(error);
  }
}

function uploadIdFrom(url: string): string | null {
  const { pathname } = new URL(url);
  const rest = pathname.slice(RESUMABLE_UPLOADS_PATH.length).replace(/^\/+|\/+$/g, "");
  if (rest === "") return null;
  const parsed = uploadIdSchema.safeParse(rest);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This upload does not exist.");
  return parsed.data;
}

const notCreator = () => new AppError("FORBIDDEN", "Only whoever started this upload can continue it.");

/**
 * An upload that already became a take: HEAD says it is complete (so a client
 * whose last answer was lost does not send the file again), GET answers with
 * the take, PATCH is a conflict (nothing more to add), DELETE forgets it.
 * The same access check as every other request comes first.
 */
async function answerFinished(request: Request, ctx: RouteContext, deps: ResumableUploadDeps, id: string, finished: FinishedUpload): Promise<Response> {
  const target = await requireUploadTarget(ctx, finished);
  const tusHeaders = { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" };
  switch (request.method) {
    case "HEAD":
      return new Response(null, { status: 200, headers: { ...tusHeaders, "Upload-Offset": String(finished.size), "Upload-Length": String(finished.size) } });
    case "GET": {
      const take = await loadCreatedTake(ctx.db, target, finished.versionId);
      if (!take) throw new AppError("NOT_FOUND", "The take this upload became no longer exists.");
      return Response.json(take, { headers: tusHeaders });
    }
    case "DELETE":
      await forgetFinishedUpload(deps.store.directory, id);
      return new Response(null, { status: 204, headers: tusHeaders });
    default:
      throw new AppError("CONFLICT", "This upload is already complete.");
  }
}

function methodNotAllowed(allow: string): Response {
  return Response.json({ error: { message: "Method not allowed.", code: "METHOD_NOT_SUPPORTED", reason: null } }, { status: 405, headers: { Allow: allow } });
}

/** The creating POST's declared length and metadata, checked before tus creates anything. */
function creationMetadata(headers: Headers, maxUploadBytes: number) {
  const lengthHeader = headers.get("upload-length");
  if (lengthHeader === null || !/^\d{1,15}$/.test(lengthHeader)) {
    throw new AppError("BAD_REQUEST", "Say how large the file is (Upload-Length); uploads of unknown length are not accepted.");
  }
  if (Number(lengthHeader) > maxUploadBytes) throw new AppError("PAYLOAD_TOO_LARGE", uploadLimitMessage(maxUploadBytes));
  let raw: Record<string, string | null>;
  try {
    raw = Metadata.parse(headers.get("upload-metadata") ?? undefined);
  } catch {
    throw new AppError("BAD_REQUEST", "The upload's metadata is not valid (Upload-Metadata).");
  }
  const parsed = resumableUploadMetadataSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "The upload's metadata is not valid.");
  return parsed.data;
}

async function storedMetadata(store: AudioSniffingFileStore, id: string): Promise<StoredUploadMetadata | null> {
  const info = await store.configstore.get(id);
  const parsed = storedUploadMetadataSchema.safeParse(info?.metadata ?? null);
  return parsed.success ? parsed.data : null;
}

/** A tus server for one checked request: its hooks know the verified target. */
function tusServer(deps: ResumableUploadDeps, db: PrismaClient, target: UploadTarget | null, upload?: { stored: StoredUploadMetadata }): Server {
  const stored = upload?.stored;
  const options: Omit<ServerOptions, "locker"> & { locker: Locker } = {
    path: RESUMABLE_UPLOADS_PATH,
    relativeLocation: true,
    // Same-origin only: no Access-Control-Allow-Origin at all (tus would say "*").
    allowedOrigins: () => false,
    locker: deps.locker,
    maxSize: deps.maxUploadBytes,
    // What the client sent is replaced by what was checked, plus who started it.
    onUploadCreate: async () => ({ metadata: stored ? toTusMetadata(stored) : {} }),
    onUploadFinish: async (_req, upload) => {
      if (!target || !stored) throw new AppError("NOT_FOUND", "This upload does not exist.");
      const take = await finishUpload(deps, db, target, stored, upload);
      return { status_code: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(take) };
    },
    onResponseError: (_req, error) => {
      const appError = toAppError(error);
      if (appError) return { status_code: appError.status, body: errorBody(appError.message, appError.trpcCode) };
      if (isTusError(error)) return undefined;
      log().error({ err: error }, "resumable upload failed");
      return { status_code: 500, body: errorBody("Something went wrong on our side. Please try again.", "INTERNAL_SERVER_ERROR") };
    },
  };
  return new Server({ ...options, datastore: deps.store });
}

const errorBody = (message: string, code: string) => JSON.stringify({ error: { message, code, reason: null } });
const isTusError = (error: unknown): error is { status_code: number; body: string } =>
  typeof error === "object" && error !== null && "status_code" in error && "body" in error;

function toTusMetadata(stored: StoredUploadMetadata): Record<string, string | null> {
  return Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, value ?? null]));
}

/**
 * The last byte is in: move the file into storage and create the take. The
 * partial upload is removed either way, so a finished upload never lingers.
 */
async function finishUpload(deps: ResumableUploadDeps, db: PrismaClient, target: UploadTarget, stored: StoredUploadMetadata, upload: Upload) {
  const filePath = deps.store.filePath(upload.id);
  try {
    const head = await readHead(filePath, SNIFF_BYTES);
    const format = await detectAudioFormat(head);
    if (!format) throw notAudio();
    const key = takeStorageKey(target.access.band.id, format);
    // Hashed on its way into storage: the file is read once.
    const hashed = sha256Tap();
    pipelineCallback(fs.createReadStream(filePath), hashed.stream, () => {});
    const { size } = await deps.storage.put(key, hashed.stream);
    const take = await createTakeFromStoredFile(
      { db, storage: deps.storage },
      target,
      { key, size, format, originalName: stored.filename, sha256: hashed.digest() },
      stored,
    );
    await recordFinishedUpload(deps.store.directory, upload.id, {
      versionId: take.id,
      size,
      userId: stored.userId,
      bandId: stored.bandId,
      songId: take.songId,
    }).catch((error: unknown) => log().warn({ err: error }, "could not record a finished upload"));
    return take;
  } finally {
    await deps.store.remove(upload.id).catch(() => {});
  }
}
