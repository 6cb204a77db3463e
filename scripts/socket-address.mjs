/**
 * The client address of a directly exposed server is its socket's peer.
 *
 * Next.js gives route handlers no socket: they see the address only through
 * X-Forwarded-For, which `next start` fills in from the socket when the request
 * did not bring one. A client that sends its own header would so choose its own
 * address (and dodge every per-client limit). Without TRUST_PROXY, `npm start`
 * (scripts/serve.ts) loads socket-address-preload.mjs into the server process,
 * which calls this for every request before Next.js sees it: whatever the
 * client sent in X-Forwarded-For, X-Real-IP or Forwarded is replaced by the
 * socket's address. With TRUST_PROXY=true the proxy's header is kept and the
 * app uses its right-most entry (src/server/http/client-address.ts).
 */

/** Headers through which a request could claim an address of its own. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded"];

/**
 * Rewrites a Node request's headers (parsed and raw) in place: no forwarding
 * header the client sent survives, and X-Forwarded-For holds the socket address.
 * @param {{ headers: Record<string, string | string[] | undefined>; rawHeaders: string[] }} request
 * @param {string | undefined} remoteAddress
 */
export function pinSocketAddress(request, remoteAddress) {
  const headers = request.headers;
  for (const name of FORWARDING_HEADERS) delete headers[name];
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (FORWARDING_HEADERS.includes(String(raw[i]).toLowerCase())) raw.splice(i, 2);
  }
  if (remoteAddress) {
    headers["x-forwarded-for"] = remoteAddress;
    raw.push("X-Forwarded-For", remoteAddress);
  }
}
