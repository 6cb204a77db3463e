/**
 * The security headers every response carries. Pure, so the policy can be read
 * and tested in one place; src/proxy.ts applies it to pages and API routes, and
 * the audio routes (left out of the proxy for speed) add apiSecurityHeaders()
 * themselves.
 */

export type PageHeaderOptions = {
  /** A fresh random nonce for this response's scripts and styles. */
  nonce: string;
  pathname: string;
  https: boolean;
  /** next dev needs eval (React Refresh) and inline styles (CSS hot reload). */
  dev: boolean;
  /**
   * Origins the audio element may load from besides the app (the bucket, with
   * AUDIO_OFFLOAD=presigned): CSP checks a media request's redirect target too.
   */
  mediaOrigins?: string[];
};

/** Pages whose URL carries a secret (an invite or join token, an unsubscribe token, a sign-in callback). */
const SECRET_IN_URL = [/^\/s\//, /^\/api\/s\//, /^\/invite\//, /^\/join\//, /^\/unsubscribe\//, /^\/signin(\/|$)/, /^\/api\/auth\//];

export function referrerPolicyFor(pathname: string): string {
  return SECRET_IN_URL.some((re) => re.test(pathname)) ? "no-referrer" : "strict-origin-when-cross-origin";
}

/**
 * A nonce-based policy: Next.js puts the nonce on its own scripts when it finds
 * it in the request's Content-Security-Policy header. `style-src-attr` allows
 * React's style={...} attributes (they cannot run code); <style> and <script>
 * elements need the nonce.
 */
export function contentSecurityPolicy({ nonce, https, dev, mediaOrigins = [] }: Omit<PageHeaderOptions, "pathname">): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["media-src", "'self'", "blob:", ...mediaOrigins],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["worker-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** For JSON and audio answers: nothing in them may run, load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A share link's page and routes: no search engine may keep them. */
const SHARE_PATH = /^\/(?:api\/)?s\//;

function commonHeaders(pathname: string, https: boolean): Record<string, string> {
  return {
    ...(SHARE_PATH.test(pathname) ? { "X-Robots-Tag": "noindex, nofollow" } : {}),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": referrerPolicyFor(pathname),
    // The microphone is for recording takes in the app itself; nothing else is used.
    "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

export function pageSecurityHeaders(options: PageHeaderOptions): Record<string, string> {
  return { ...commonHeaders(options.pathname, options.https), "Content-Security-Policy": contentSecurityPolicy(options) };
}

export function apiSecurityHeaders(pathname: string, https: boolean): Record<string, string> {
  return { ...commonHeaders(pathname, https), "Content-Security-Policy": API_CONTENT_SECURITY_POLICY };
}

/**
 * Pages a member may save for offline (a band's setlists and songs, and the
 * list of what is saved) may be kept by the browser, but never reused without
 * asking the server first: `private, no-cache`. Everything else keeps Next's
 * `no-store`, which the service worker honours (src/sw/sw.ts): sign-in,
 * invite and join pages are never kept.
 */
const SAVEABLE_PAGE = [/^\/bands\/[A-Za-z0-9_-]+\/setlists\/[A-Za-z0-9_-]+$/, /^\/bands\/[A-Za-z0-9_-]+\/songs\/[A-Za-z0-9_-]+$/, /^\/offline$/];

export function pageCacheControl(pathname: string): string | null {
  return SAVEABLE_PAGE.some((re) => re.test(pathname)) ? "private, no-cache" : null;
}
