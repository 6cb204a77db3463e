/**
 * Cross-site request refusal for every state-changing request (tRPC mutations,
 * uploads, sign-in, and any route added later: src/proxy.ts applies it to every
 * non-safe method before a handler runs).
 *
 * SameSite=Lax cookies stop other sites, not same-site attackers on a sibling
 * subdomain or another port, and a multipart POST is a "simple" request that
 * browsers send without a preflight. Browsers label every request with
 * Sec-Fetch-Site and send Origin on every cross-origin POST, so:
 * - `Sec-Fetch-Site` other than `same-origin` / `none` is refused;
 * - an `Origin` other than the app's own (APP_URL, or the origin the request
 *   was addressed to) is refused, and so is `Origin: null` (sandboxed frames,
 *   file: pages, some redirects);
 * - a request with neither header is not from a browser (curl, scripts, the
 *   test suite): there is no ambient-cookie victim to protect, so it passes and
 *   the normal session and role checks decide.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

export type OriginCheckInput = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** The app's public origin, from APP_URL. */
  appOrigin: string;
  /** The origin this request was addressed to (scheme of APP_URL + Host header), when known. */
  requestOrigin?: string | null;
};

export type OriginCheckResult = { ok: true } | { ok: false; reason: string };

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function checkRequestOrigin(input: OriginCheckInput): OriginCheckResult {
  if (!isStateChanging(input.method)) return { ok: true };

  const site = input.secFetchSite?.trim().toLowerCase();
  if (site && !ALLOWED_FETCH_SITES.has(site)) {
    return { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  }

  const origin = input.origin?.trim();
  if (origin === undefined || origin === "") return { ok: true };
  if (origin.toLowerCase() === "null") return { ok: false, reason: "Origin: null" };

  const normalized = normalizeOrigin(origin);
  if (!normalized) return { ok: false, reason: "malformed Origin" };
  const allowed = [input.appOrigin, input.requestOrigin].map((o) => (o ? normalizeOrigin(o) : null));
  if (allowed.includes(normalized)) return { ok: true };
  return { ok: false, reason: "foreign Origin" };
}

/** scheme://host[:port], lower-cased, default ports dropped; null when not a web origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}
