import "server-only";

/**
 * The address a request came from, for per-client limits.
 *
 * Route handlers get no socket from Next.js, only the X-Forwarded-For header:
 * - served directly (TRUST_PROXY unset, the default): `npm start` replaces
 *   whatever forwarding headers a client sent with the socket's address before
 *   Next.js sees the request (scripts/socket-address.mjs), so the header is
 *   exactly that one address and no client can choose its own.
 * - TRUST_PROXY=true (one reverse proxy in front appends or sets the header):
 *   the right-most entry, the address that proxy saw. Entries to its left were
 *   written by the client and are never used.
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
