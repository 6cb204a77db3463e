import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { crossSiteRefusal, originCheckOf, requestIdOf } from "@/server/http/api-route";
import { isMalformedPath, malformedApiUrlResponse, MALFORMED_URL_REWRITE } from "@/server/http/malformed-url";
import { apiSecurityHeaders, pageCacheControl, pageSecurityHeaders } from "@/server/http/security-headers";
import { bucketOrigins } from "@/server/storage/s3-origins";

/**
 * Next 16's request proxy (formerly middleware), composed of small, separately
 * tested steps. For every request it matches: a URL that cannot be decoded is
 * answered here (Next's router would answer it with a bare 500). For pages: a
 * fresh CSP nonce and the security headers, a request id, and the cross-site
 * check for anything that is not a plain read. API routes get their headers,
 * request id and cross-site check from apiRoute() instead, next to their
 * handlers. Authorization is not here: it lives in the procedures and route
 * handlers.
 */
export function proxy(request: NextRequest) {
  const { appUrl, nodeEnv, audioOffload, s3 } = env();
  const https = appUrl.startsWith("https://");
  const { pathname } = request.nextUrl;
  const requestId = requestIdOf(request);

  if (pathname.startsWith("/api/")) {
    if (!isMalformedPath(pathname)) return NextResponse.next();
    return malformedApiUrlResponse({ ...apiSecurityHeaders(pathname, https), "x-request-id": requestId });
  }

  // An unsubscribe link's POST (its page's button, or a mail provider's RFC 8058
  // one-click) goes to the API route behind the same URL; the GET is the page.
  if (request.method === "POST" && UNSUBSCRIBE_PATH.test(pathname)) {
    return NextResponse.rewrite(new URL(`/api${pathname}`, request.url));
  }

  const nonce = randomBytes(16).toString("base64");
  const mediaOrigins = audioOffload === "presigned" && s3 ? bucketOrigins(s3) : [];
  const headers = pageSecurityHeaders({ nonce, pathname, https, dev: nodeEnv === "development", mediaOrigins });
  if (!originCheckOf(request).ok) return crossSiteRefusal({ ...headers, "x-request-id": requestId });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);

  // A page URL that cannot be decoded names nothing: the styled not-found page (404).
  const response = isMalformedPath(pathname)
    ? NextResponse.rewrite(new URL(MALFORMED_URL_REWRITE, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  const caching = pageCacheControl(pathname);
  if (caching) response.headers.set("Cache-Control", caching);
  return response;
}

const UNSUBSCRIBE_PATH = /^\/unsubscribe\/[A-Za-z0-9_-]{1,200}$/;

export const config = {
  matcher: [
    // Everything but static build assets and the audio routes whose ids are
    // clean (malformed ones still come here for their 400). The audio byte
    // routes are the hottest path in the app; the upload route must not be
    // behind a proxy at all: Next.js buffers a proxied request's body in
    // memory (and cuts it at 10 MB). The same goes for the resumable upload
    // endpoint (tus), whose PATCH bodies are parts of a file. Health and
    // readiness are polled by load balancers every few seconds: nothing here
    // is for them.
    "/((?!_next/static|_next/image|api/(?:health|ready)$|api/versions/[A-Za-z0-9_-]+/(?:stream|download|peaks)$|api/bands/[A-Za-z0-9_-]+/songs/[A-Za-z0-9_-]+/versions$|api/uploads(?:/[A-Za-z0-9_-]+)?$).*)",
  ],
};
