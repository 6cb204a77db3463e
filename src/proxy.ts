import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { crossSiteRefusal, originCheckOf, requestIdOf } from "@/server/http/api-route";
import { pageSecurityHeaders } from "@/server/http/security-headers";

/**
 * Runs before every page (see `config.matcher`): a fresh CSP nonce and the
 * security headers, a request id, and the cross-site check for anything that
 * is not a plain read. API routes get the same from `apiRoute()` instead:
 * behind a proxy Next.js would buffer their request bodies (uploads) in memory.
 * Authorization is not here: it lives in the procedures and route handlers.
 */
export function proxy(request: NextRequest) {
  const { appUrl, nodeEnv } = env();
  const { pathname } = request.nextUrl;
  const requestId = requestIdOf(request);
  const nonce = randomBytes(16).toString("base64");
  const headers = pageSecurityHeaders({ nonce, pathname, https: appUrl.startsWith("https://"), dev: nodeEnv === "development" });

  if (!originCheckOf(request).ok) return crossSiteRefusal({ ...headers, "x-request-id": requestId });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Pages only: not API routes (apiRoute() covers them) nor static build assets.
  matcher: ["/((?!api/|_next/static|_next/image).*)"],
};
