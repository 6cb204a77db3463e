import { Readable } from "node:stream";
import { pipeline as pipelineCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { env } from "@/env";
import type { RouteContext } from "@/server/access/route-access";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import { getStorage, type StorageDriver } from "@/server/storage";
import { ACCEPTED_FORMATS_LABEL, detectAudioFormat, SNIFF_BYTES, type AudioFormat } from "@/server/media/audio-format";
import { createTakeFromStoredFile, takeStorageKey, uploadLimitMessage, type StoredAudio } from "./create-take";
import { byteLimit, peek, sha256Tap } from "./stream-utils";
import { requireUploadTarget } from "./upload-target";
import { cleanOriginalName, isUploadFieldName, UPLOAD_FIELD_MAX, uploadFieldsSchema, uploadFieldTooLong, type UploadFields } from "./upload.schema";

export type UploadDeps = { storage: StorageDriver; maxUploadBytes: number };

/** A web Request, or the head and body of Node's request (the Pages Router route). */
export type UploadRequest = { headers: Headers; body: ReadableStream<Uint8Array> | Readable | null };

// Room for the multipart envelope and the small text fields around the file.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
// busboy's cap on one field's bytes: a character is at most 3 bytes of UTF-8
// (4 for a surrogate pair, which counts as 2), plus room for blanks that trimming
// removes. A field cut at the cap was over its limit and is refused, never
// kept as its prefix.
const FIELD_BYTES = 3 * Math.max(...Object.values(UPLOAD_FIELD_MAX)) + 4 * 1024;

const defaultDeps = (): UploadDeps => ({ storage: getStorage(), maxUploadBytes: env().maxUploadBytes });


/**
 * POST /api/bands/[bandId]/songs/[songId]/versions (multipart: `file`, optional
 * `title`, `notes`; send the text fields before the file, as the app's form does,
 * so a bad one is refused before the file is read).
 *
 * The body is streamed through busboy straight to storage (never held in
 * memory). The first bytes decide whether it is audio (415 otherwise, before
 * anything is written); bytes are counted as they pass (413 past the limit).
 * The version row is created only after the file is complete and its metadata
 * read; any failure on the way (abort, limit, bad type, database) removes the
 * stored file, so nothing is left behind.
 */
export async function handleUpload(
  request: UploadRequest,
  ctx: RouteContext,
  rawParams: { bandId: string; songId: string },
  deps: UploadDeps = defaultDeps(),
): Promise<Response> {
  try {
    const target = await requireUploadTarget(ctx, rawParams);

    const limitMessage = uploadLimitMessage(deps.maxUploadBytes);
    const declared = Number(request.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > deps.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", limitMessage);
    }
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
      throw new AppError("BAD_REQUEST", "Send the recording as multipart/form-data with a field named “file”.");
    }

    const { upload, fields } = await receive(request.body, contentType, {
      ...deps,
      limitMessage,
      keyFor: (format) => takeStorageKey(target.access.band.id, format),
    });
    const take = await createTakeFromStoredFile({ db: ctx.db, storage: deps.storage }, target, upload, fields);
    return Response.json(take, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Parses the multipart body, storing the `file` part as it arrives. */
async function receive(
  body: ReadableStream<Uint8Array> | Readable,
  contentType: string,
  opts: UploadDeps & { limitMessage: string; keyFor: (format: AudioFormat) => string },
) {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file name as raw UTF-8 bytes in Content-Disposition;
      // busboy would read them as Latin-1 ("Tõnu" stored as "TÃµnu").
      defParamCharset: "utf8",
      limits: { files: 1, fields: 8, parts: 12, fieldSize: FIELD_BYTES },
    });
  } catch {
    throw new AppError("BAD_REQUEST", "The upload is not valid multipart/form-data.");
  }

  const fields: Partial<UploadFields> = {};
  let fileTask: Promise<StoredAudio> | undefined;
  let refused: AppError | null = null;
  const refuse = (message: string) => {
    refused = new AppError("BAD_REQUEST", message);
    parser.destroy(refused);
  };

  // Each field is checked as it arrives. The app's form sends title and notes
  // before the file, so a bad one is refused before a byte of audio is read or
  // stored; one that comes after the file is refused the same way once it
  // arrives, and the file stored meanwhile is removed below.
  parser.on("field", (name, value, info) => {
    if (!isUploadFieldName(name)) return;
    if (refused) return;
    if (info.valueTruncated) return refuse(uploadFieldTooLong[name]);
    const parsed = uploadFieldsSchema.shape[name].safeParse(value);
    if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "Invalid title or notes.");
    fields[name] = parsed.data;
  });
  parser.on("file", (name, file, info) => {
    // busboy finishes the chunk it is parsing after destroy(): a file part in
    // that same chunk must not start a write.
    if (name !== "file" || fileTask || refused) {
      file.resume();
      return;
    }
    fileTask = storeFile(file, info.filename, opts);
    // A refused file stops the whole request at once instead of reading the rest of the body.
    fileTask.catch((error: unknown) => parser.destroy(error as Error));
  });

  const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  let parseError: unknown = null;
  await pipeline(source, parser).catch((error: unknown) => (parseError = error));

  const stored = fileTask ? await fileTask.then((u) => ({ ok: true as const, u }), (e: unknown) => ({ ok: false as const, e })) : null;
  if (refused || parseError || !stored?.ok) {
    if (stored?.ok) await opts.storage.delete(stored.u.key);
    const fileError = stored && !stored.ok ? stored.e : null;
    // A refused field is the cause; the file stream it cut short only failed because of it.
    if (refused) throw refused;
    if (fileError instanceof AppError) throw fileError;
    if (parseError instanceof AppError) throw parseError;
    if (parseError || fileError) throw new AppError("BAD_REQUEST", "The upload was interrupted or is not valid multipart/form-data.");
    throw new AppError("BAD_REQUEST", "Choose an audio file to upload (form field “file”).");
  }

  return { upload: stored.u, fields: uploadFieldsSchema.parse(fields) };
}

async function storeFile(
  file: Readable,
  filename: string | undefined,
  opts: UploadDeps & { limitMessage: string; keyFor: (format: AudioFormat) => string },
): Promise<StoredAudio> {
  const counted = byteLimit(opts.maxUploadBytes, opts.limitMessage);
  // pipeline, not .pipe(): an error from either side (the client hanging up, the
  // size limit) destroys both, and each keeps an error listener while it runs.
  // With .pipe(), an abort landing between two steps below (sniffing the head,
  // opening storage), when nothing else listened, was rethrown as an uncaught
  // exception. The error is not lost: `counted` stays errored, so the storage
  // write that reads it next fails with it.
  pipelineCallback(file, counted, () => {});

  const { head, rest } = await peek(counted, SNIFF_BYTES);
  const format = await detectAudioFormat(head);
  if (!format) {
    counted.destroy();
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `That file is not audio we can play. Upload ${ACCEPTED_FORMATS_LABEL}.`);
  }

  const key = opts.keyFor(format);
  // Hashed on the way to storage: the file is read once.
  const hashed = sha256Tap();
  pipelineCallback(rest, hashed.stream, () => {});
  const { size } = await opts.storage.put(key, hashed.stream);
  return { key, size, format, originalName: cleanOriginalName(filename), sha256: hashed.digest() };
}
