/**
 * Sends a take to the upload route with XMLHttpRequest, because fetch() still
 * cannot report upload progress in browsers.
 */

export type UploadProgress = { loaded: number; total: number };

export type UploadedTake = { id: string; songId: string; durationSeconds: number | null };

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
      return "This song no longer exists.";
    case 413:
      return `That file is too large: the maximum is ${formatMb(maxUploadMb)}.`;
    case 415:
      return typeof serverMessage === "string"
        ? serverMessage
        : "That is not an audio file. Upload MP3, WAV, AIFF, FLAC, Ogg/Opus, M4A/AAC or WebM audio.";
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

export function uploadTake(
  { bandId, songId, file, title, notes }: { bandId: string; songId: string; file: File; title?: string; notes?: string },
  { onProgress, signal, maxUploadMb }: { onProgress: (p: UploadProgress) => void; signal?: AbortSignal; maxUploadMb: number },
): Promise<UploadedTake> {
  return new Promise((resolve, reject) => {
    const form = uploadFormData({ file, title, notes });

    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/bands/${encodeURIComponent(bandId)}/songs/${encodeURIComponent(songId)}/versions`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.response) {
        resolve(xhr.response as UploadedTake);
      } else {
        reject(new UploadError(uploadErrorMessage(xhr.status, xhr.response, maxUploadMb), xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError(uploadErrorMessage(0, null, maxUploadMb), 0));
    xhr.onabort = () => reject(new UploadCancelled());
    if (signal) {
      if (signal.aborted) return xhr.abort();
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}
