import { createHash } from "node:crypto";

/**
 * Validators for a stored take and the conditional-request rules of RFC 9110 §13
 * that the stream route needs. Pure: no I/O.
 */
export type Validators = { etag: string; lastModified: string; lastModifiedSeconds: number };

/** Request headers by lower-case name: a web `Headers`, or Node's headers through `nodeHeaders`. */
export type HeaderSource = { get(name: string): string | null };

/** A strong ETag: the bytes under a storage key never change, but a re-created file would get a new mtime. */
export function validatorsFor(object: { key: string; size: number; modifiedAt: Date }): Validators {
  const digest = createHash("sha256").update(`${object.key}\n${object.size}\n${object.modifiedAt.getTime()}`).digest("base64url");
  const lastModifiedSeconds = Math.floor(object.modifiedAt.getTime() / 1000);
  return {
    etag: `"${digest.slice(0, 27)}"`,
    lastModified: new Date(lastModifiedSeconds * 1000).toUTCString(),
    lastModifiedSeconds,
  };
}

/** The entity-tags of an If-None-Match / If-Match list, or "*" (RFC 9110 §8.8.3). */
function parseEtagList(header: string): string[] | "*" {
  if (header.trim() === "*") return "*";
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

const opaque = (tag: string) => (tag.startsWith("W/") ? tag.slice(2) : tag);

/** If-None-Match uses the weak comparison; if it is absent, If-Modified-Since decides. */
export function isNotModified(headers: HeaderSource, v: Validators): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const tags = parseEtagList(ifNoneMatch);
    return tags === "*" || tags.some((tag) => opaque(tag) === v.etag);
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && v.lastModifiedSeconds * 1000 <= since;
  }
  return false;
}

/**
 * Whether a Range may be honoured given If-Range (RFC 9110 §13.1.5): an
 * entity-tag must match strongly (a weak tag never does); a date must equal
 * Last-Modified exactly. Anything else means "send the whole file".
 */
export function ifRangeAllows(headers: HeaderSource, v: Validators): boolean {
  const ifRange = headers.get("if-range");
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return value === v.etag;
  const date = Date.parse(value);
  return Number.isFinite(date) && date === v.lastModifiedSeconds * 1000;
}
