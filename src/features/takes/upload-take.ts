/**
 * Sends a take through the resumable upload endpoint (tus, with
 * tus-js-client); every way a take goes up (the upload form, a whole
 * rehearsal, the recorder) goes through here. A dropped connection of any
 * length does not end the upload while the page is open: it is retried after
 * short delays, then waits for the network (onWaiting tells the page, which
 * says so) and goes on from the last byte the server holds when the browser
 * is back online (upload-retry.rules.ts). A page reload picks the same file up where it
 * stopped (the upload's address is kept in localStorage under a fingerprint of
 * band, song and file). The take is created when the last byte is in; the
 * final answer carries it, or, when that answer was lost, a GET of the
 * finished upload's address.
 */
import type { DetailedError, PreviousUpload } from "tus-js-client";
import { RESUMABLE_UPLOADS_PATH } from "@/features/takes/resumable-upload.schema";
import type { DuplicateOf } from "@/features/takes/duplicate-takes.rules";
import { ACCEPTED_FORMATS_LABEL } from "@/lib/upload-formats";
import { browserOnline, loadWhenOnline, networkBack } from "@/features/takes/network-wait";
import { RETRY_DELAYS_MS, retryAfterDelay, waitForNetwork, type FailedRequest } from "@/features/takes/upload-retry.rules";

export type UploadProgress = { loaded: number; total: number };

/** What the upload answers with (the take's view; these are the fields the forms use). */
export type UploadedTake = { id: string; songId: string; durationSeconds: number | null; duplicateOf?: DuplicateOf | null };

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export class UploadCancelled extends Error {
  constructor() {
    super("Upload cancelled.");
    this.name = "UploadCancelled";
  }
}

/** A sentence for a failed upload, from the HTTP status and the route's JSON error body. */
export function uploadErrorMessage(status: number, body: unknown, maxUploadMb: number): string {
  const serverMessage = (body as { error?: { message?: unknown } } | null)?.error?.message;
  switch (status) {
    case 0:
      return "The upload was interrupted. Check your connection and try again.";
    case 401:
      return "Your session has ended. Sign in again, then retry the upload.";
    case 403:
      return typeof serverMessage === "string" ? serverMessage : "You can no longer upload to this band.";
    case 404:
      return typeof serverMessage === "string" ? serverMessage : "This song no longer exists.";
    case 413:
      return `That file is too large: the maximum is ${formatMb(maxUploadMb)}.`;
    case 415:
      return typeof serverMessage === "string"
        ? serverMessage
        : `That is not an audio or video file we can read. Upload ${ACCEPTED_FORMATS_LABEL}.`;
    default:
      if (status >= 500) return "Something went wrong on our side while saving the take. Please try again.";
      return typeof serverMessage === "string" ? serverMessage : "The upload failed. Please try again.";
  }
}

function formatMb(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}

/**
 * The upload body. Title and notes go before the file: the server checks each
 * field as it arrives, so a bad one is refused before any audio is sent on.
 */
export function uploadFormData({ file, title, notes }: { file: File; title?: string; notes?: string }): FormData {
  const form = new FormData();
  if (title?.trim()) form.append("title", title.trim());
  if (notes?.trim()) form.append("notes", notes.trim());
  form.append("file", file, file.name);
  return form;
}

/** Each PATCH carries at most this much: a lost request costs little, and every part is checked again. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/** Which stored upload a file continues: the same file for the same song. */
export function uploadFingerprint({ bandId, songId, file }: { bandId: string; songId: string; file: Pick<File, "name" | "type" | "size" | "lastModified"> }): string {
  return ["rehearsalhub-take", bandId, songId, file.name, file.type, file.size, file.lastModified].join("/");
}

/** The metadata the endpoint checks at creation (the same rules as the multipart fields). */
export function uploadMetadata({ bandId, file, title, notes, ...song }: TakeSong & { bandId: string; file: Pick<File, "name" | "type">; title?: string; notes?: string }) {
  const metadata: Record<string, string> = { bandId, ...("songId" in song ? { songId: song.songId } : { newSongTitle: song.newSongTitle }), filename: file.name, filetype: file.type };
  if (title?.trim()) metadata.title = title.trim();
  if (notes?.trim()) metadata.notes = notes.trim();
  return metadata;
}

/** Which song a take goes to: one the band has, or a new one the server creates with the take once its bytes are accepted. */
export type TakeSong = { songId: string } | { newSongTitle: string };

export type UploadOptions = {
  onProgress: (p: UploadProgress) => void;
  /** true while the connection is gone and the upload waits to go on by itself; false once bytes move again. */
  onWaiting?: (waiting: boolean) => void;
  signal?: AbortSignal;
  maxUploadMb: number;
};

/** Fetches the upload code ahead, when a take is on its way (a file chosen, a recording started), so a dead spot at the moment of sending does not hold it. */
export function preloadUploader(): void {
  void import("tus-js-client").catch(() => {});
}

export async function uploadTake(take: TakeSong & { bandId: string; file: File; title?: string; notes?: string }, options: UploadOptions): Promise<UploadedTake> {
  // Loaded when a take is sent, not with the page: the song page hydrates sooner on a phone.
  // With no connection at that moment, it waits for the network like the upload itself.
  const tus = await loadWhenOnline(() => import("tus-js-client"), options);
  if (!tus) throw new UploadCancelled();
  return send(tus.Upload, take, options);
}

/** What failed: a request with or without an answer, or something before any request (reading the file). */
function failedRequest(error: unknown): FailedRequest {
  const detailed = error as Partial<DetailedError> | null;
  return { sent: detailed?.originalRequest != null, status: detailed?.originalResponse?.getStatus() ?? 0 };
}

function send(
  Upload: typeof import("tus-js-client").Upload,
  { bandId, file, title, notes, ...song }: TakeSong & { bandId: string; file: File; title?: string; notes?: string },
  { onProgress, onWaiting, signal, maxUploadMb }: UploadOptions,
): Promise<UploadedTake> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadCancelled());
    let settled = false;
    let stopWaiting = () => {};
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      stopWaiting();
      finish();
    };
    let waiting = false;
    const setWaiting = (next: boolean) => {
      if (waiting === next) return;
      waiting = next;
      onWaiting?.(next);
    };

    const songKey = "songId" in song ? song.songId : `new:${song.newSongTitle}`;
    const upload = new Upload(file, {
      endpoint: RESUMABLE_UPLOADS_PATH,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      onShouldRetry: (error) => {
        const retry = retryAfterDelay(failedRequest(error), browserOnline());
        if (retry) setWaiting(true);
        return retry;
      },
      metadata: uploadMetadata({ bandId, ...song, file, title, notes }),
      fingerprint: async () => uploadFingerprint({ bandId, songId: songKey, file }),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      // Bytes move, or the server answered: the connection is back.
      onProgress: (loaded, total) => {
        setWaiting(false);
        onProgress({ loaded, total: total || file.size });
      },
      onChunkComplete: () => setWaiting(false),
      onUploadUrlAvailable: () => setWaiting(false),
      onSuccess: ({ lastResponse }) => {
        const take = parseJson(lastResponse.getBody()) as UploadedTake | null;
        if (take?.id) return settle(() => resolve(take));
        // Complete already (the answer to the last part was lost, or a reload came just then): ask which take it became.
        void fetchFinishedTake(upload.url, maxUploadMb).then(
          (finished) => settle(() => resolve(finished)),
          (error: unknown) => settle(() => reject(error)),
        );
      },
      onError: (error) => {
        if (waitForNetwork(failedRequest(error)) && !settled) {
          // The connection is gone, for however long: go on from the server's offset (a HEAD first) once it is back.
          setWaiting(true);
          const back = networkBack();
          stopWaiting = back.stop;
          void back.ready.then(() => {
            if (!settled) upload.start();
          });
          return;
        }
        const response = (error as DetailedError).originalResponse;
        const status = response?.getStatus() ?? 0;
        settle(() => reject(new UploadError(uploadErrorMessage(status, parseJson(response?.getBody()), maxUploadMb), status)));
      },
    });

    signal?.addEventListener(
      "abort",
      () => {
        // true: also ask the server to drop what it holds (DELETE), and forget the stored address.
        void upload.abort(true).catch(() => {});
        settle(() => reject(new UploadCancelled()));
      },
      { once: true },
    );

    upload
      .findPreviousUploads()
      .then((previous: PreviousUpload[]) => {
        const latest = [...previous].sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (latest) upload.resumeFromPreviousUpload(latest);
      })
      .catch(() => {})
      .finally(() => {
        if (!settled) upload.start();
      });
  });
}

async function fetchFinishedTake(url: string | null, maxUploadMb: number): Promise<UploadedTake> {
  if (!url) throw new UploadError(uploadErrorMessage(500, null, maxUploadMb), 500);
  let response: Response;
  try {
    response = await fetch(url, { headers: { "Tus-Resumable": "1.0.0" } });
  } catch {
    throw new UploadError(uploadErrorMessage(0, null, maxUploadMb), 0);
  }
  const body = parseJson(await response.text());
  if (!response.ok || !(body as UploadedTake | null)?.id) throw new UploadError(uploadErrorMessage(response.ok ? 500 : response.status, body, maxUploadMb), response.status);
  return body as UploadedTake;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
