import "server-only";

/**
 * The address a request came from, for per-client limits.
 *
 * `next start` gives route handlers no socket: it records the peer's address in
 * X-Forwarded-For itself, and only when the request did not already carry that
 * header. So:
 * - TRUST_PROXY=true (one reverse proxy in front appends or sets the header):
 *   the right-most entry, the address that proxy saw. Entries to its left were
 *   written by the client and are never used.
 * - otherwise: the header exactly as it arrived, as one key. For a direct client
 *   that is the socket address Next wrote; a client that sends its own header
 *   chooses its key, so the per-client cap is a brake and the per-address cap is
 *   the guarantee. Behind a proxy, set TRUST_PROXY=true to make it exact.
 */
export function clientAddress(headers: Headers, { trustProxy }: { trustProxy: boolean }): string | null {
  const forwarded = headers.get("x-forwarded-for")?.trim();
  if (!forwarded) return null;
  if (!trustProxy) return bounded(forwarded);
  const last = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);
  return last ? bounded(last) : null;
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) is the same client as 1.2.3.4; a header cannot make a key longer than a few addresses. */
function bounded(value: string): string {
  return value.toLowerCase().replace(/(^|,\s*)::ffff:(?=\d+\.\d+\.\d+\.\d+)/g, "$1").slice(0, 200);
}
