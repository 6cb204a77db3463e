import { decideRange } from "./byte-range";
import { ifRangeAllows, isNotModified, validatorsFor, type HeaderSource } from "./validators";

/** Every answer about a take, including refusals, must not be kept by shared caches. */
export const PRIVATE_HEADERS = { "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff" } as const;

export type FileAnswer = {
  status: 200 | 206 | 304 | 416;
  headers: Record<string, string>;
  /** Inclusive byte span to send, or null when the answer has no content (HEAD, 304, 416, an empty file). */
  bytes: { start: number; end: number } | null;
};

/**
 * How to answer a GET/HEAD for one stored file: status, headers (Content-Length
 * always exact) and which bytes, from RFC 9110's ranges and conditional
 * requests. Pure: the caller has done the access check and the stat, and sends
 * the bytes however its framework does.
 */
export function answerForFile(
  request: { method: string; headers: HeaderSource },
  object: { key: string; size: number; modifiedAt: Date; contentType: string },
): FileAnswer {
  const { size } = object;
  const validators = validatorsFor(object);
  const headers: Record<string, string> = {
    ...PRIVATE_HEADERS,
    "Accept-Ranges": "bytes",
    "Content-Type": object.contentType,
    ETag: validators.etag,
    "Last-Modified": validators.lastModified,
  };

  // A 304 has no content and may only repeat a 200's length, so it sends none.
  if (isNotModified(request.headers, validators)) return { status: 304, headers, bytes: null };

  const range = ifRangeAllows(request.headers, validators) ? decideRange(request.headers.get("range"), size) : ({ kind: "full" } as const);

  if (range.kind === "unsatisfiable") {
    const { "Content-Type": _type, ...rest } = headers;
    return { status: 416, headers: { ...rest, "Content-Range": `bytes */${size}`, "Content-Length": "0" }, bytes: null };
  }

  const [status, start, end] = range.kind === "partial" ? ([206, range.start, range.end] as const) : ([200, 0, size - 1] as const);
  if (status === 206) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  headers["Content-Length"] = String(end - start + 1);
  const hasContent = request.method !== "HEAD" && size > 0;
  return { status, headers, bytes: hasContent ? { start, end } : null };
}
