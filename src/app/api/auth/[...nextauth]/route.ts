import type { NextRequest } from "next/server";
import { SERVICE_UNAVAILABLE_RETRY_SECONDS } from "@/lib/service-unavailable";
import { rethrowingAdapterFailures } from "@/server/auth/adapter-failures";
import { handleAuthRoute } from "@/server/auth/auth-route";
import { describeCause, toAppError, unavailableHeaders } from "@/server/errors";
import { apiRoute } from "@/server/http/api-route";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (behind handleAuthRoute's own checks of the address
 * and callbackUrl), except that an unreachable database answers 503
 * (instead of `{}` from /session, i.e. "signed out", or a redirect to the
 * sign-in error page): JSON for API calls (apiRoute maps the thrown error), a
 * page that retries by itself for a browser following a link (e.g. the emailed
 * sign-in link, which stays valid: nothing was consumed).
 */
const handler = apiRoute(async (request: Request, context: RouteContext) => {
  try {
    return await rethrowingAdapterFailures(() => handleAuthRoute(request as NextRequest, context));
  } catch (error) {
    const appError = toAppError(error);
    if (appError?.kind === "SERVICE_UNAVAILABLE" && request.method === "GET" && wantsHtml(request)) {
      log().error({ cause: describeCause(appError.cause) }, "database unavailable");
      const headers = unavailableHeaders({
        "content-type": "text/html; charset=utf-8",
        // The page's one inline style; nothing else may load or run.
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      });
      return new Response(RETRYING_PAGE, { status: 503, headers });
    }
    throw error;
  }
});

const wantsHtml = (request: Request) => (request.headers.get("accept") ?? "").includes("text/html");

const RETRYING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${SERVICE_UNAVAILABLE_RETRY_SECONDS}">
<title>Temporarily unavailable · RehearsalHub</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;background:#141210;color:#f3ede4;font:16px/1.5 system-ui,sans-serif}main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.4rem}p{color:#b9ada0}</style>
</head><body><main role="alert"><h1>RehearsalHub is temporarily unavailable</h1>
<p>We can't reach our database right now. This page retries by itself every ${SERVICE_UNAVAILABLE_RETRY_SECONDS} seconds; your link still works.</p></main></body></html>`;

export { handler as GET, handler as POST };
