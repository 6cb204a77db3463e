import rangeParser from "range-parser";

/** What to send for a Range header on a representation of `size` bytes (RFC 9110 §14). */
export type RangeDecision =
  /** No Range, or one the RFC lets us ignore (malformed, not bytes, several ranges): 200 with everything. */
  | { kind: "full" }
  /** One satisfiable range, inclusive: 206. */
  | { kind: "partial"; start: number; end: number }
  /** Syntactically valid but no byte of it exists: 416 with `Content-Range: bytes *\/size`. */
  | { kind: "unsatisfiable" };

// One byte-range-spec or suffix-range, tolerating optional whitespace (RFC 9110 §5.6.3).
const SINGLE_BYTE_RANGE = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Decides how to answer a Range header, using range-parser for the arithmetic.
 *
 * Choices the RFC leaves to us:
 * - Several ranges ("bytes=0-1,5-6") are answered with the whole file (200):
 *   players never ask for them, and multipart/byteranges buys nothing here.
 * - A malformed header (including "last < first") is ignored: 200 with everything.
 * - A suffix longer than the file selects the whole file (206 0-(size-1)),
 *   which range-parser would otherwise call unsatisfiable.
 */
export function decideRange(header: string | null | undefined, size: number): RangeDecision {
  if (header == null) return { kind: "full" };
  const match = SINGLE_BYTE_RANGE.exec(header);
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "full" };
  if (first !== "" && last !== "" && BigInt(last) < BigInt(first)) return { kind: "full" };

  const suffixCoversAll = first === "" && BigInt(last) >= BigInt(size) && size > 0;
  const normalized = suffixCoversAll ? "bytes=0-" : `bytes=${first}-${last}`;
  const parsed = rangeParser(size, normalized);
  if (parsed === -2) return { kind: "full" };
  if (parsed === -1) return { kind: "unsatisfiable" };
  const [range] = parsed;
  if (!range) return { kind: "unsatisfiable" };
  return { kind: "partial", start: range.start, end: range.end };
}
