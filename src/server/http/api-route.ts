import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/env";
import { log, loggablePath, withRequestId } from "@/server/log";
import { errorResponse } from "./error-response";
import { sendErrorResponse, sendWebResponse } from "./node-response";
import { checkRequestOrigin } from "./origin-check";
import { apiSecurityHeaders } from "./security-headers";

/**
 * The one wrapper every API route is built from: App Router route handlers
 * through apiRoute(), Pages Router API routes (those that need Node's own
 * request and response: streamed uploads, audio bytes) through nodeApiRoute().
 * A test walks src/app/api and src/pages/api to hold every route to it.
 *
 * For each request it: refuses cross-site state-changing requests before the
 * handler runs (origin-check.ts); attaches the request id to every log line
 * written while the handler runs; turns anything the handler throws into the
 * mapped JSON error (never an escaped exception, never a stack); sets the
 * security headers and `Cache-Control: private, no-store` (unless the route
 * sets its own); and writes exactly one access line: method, path (never the
 * query string: it carries tokens), status, duration.
 *
 * This, not src/proxy.ts, is where API routes get these guarantees: the proxy
 * only answers undecodable URLs for them, and the upload and audio byte routes
 * are outside it altogether (behind a proxy Next.js buffers a request's whole
 * body in memory and cuts it at 10 MB, which would break streamed uploads).
 */

/** Every API answer's caching unless its route says otherwise. */
export const API_CACHE_CONTROL = "private, no-store";

/** Marks handlers built here, so a test can prove every API route is. */
export const API_ROUTE = Symbol.for("rehearsalhub.apiRoute");

/** Ids we accept from upstream (src/proxy.ts or a reverse proxy); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestIdOf(request: { headers: Headers }): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The cross-site verdict for a request, against APP_URL and the origin the request was addressed to. */
export function originCheckOf(request: { method: string; headers: Headers }) {
  const app = new URL(env().appUrl);
  const host = request.headers.get("host");
  return checkRequestOrigin({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    appOrigin: app.origin,
    requestOrigin: host ? `${app.protocol}//${host}` : null,
  });
}

export function crossSiteRefusal(headers: Record<string, string>): Response {
  return Response.json(
    { error: { message: "This request came from another site, so it was refused.", code: "FORBIDDEN", reason: "CROSS_SITE_REQUEST" } },
    { status: 403, headers: { ...headers, "Cache-Control": "no-store" } },
  );
}

type RequestHead = { method: string; headers: Headers; pathname: string };

/** What both wrappers do around a handler, given how to run it and how to read the status it produced. */
async function handleApiRequest<T>(
  head: RequestHead,
  run: (extraHeaders: Record<string, string>) => Promise<T>,
  refuse: (response: Response) => Promise<T>,
  statusOf: (result: T) => number,
  options: ApiRouteOptions = {},
): Promise<T> {
  const requestId = requestIdOf(head);
  return withRequestId(requestId, async () => {
    const started = performance.now();
    const extraHeaders = {
      ...apiSecurityHeaders(head.pathname, env().appUrl.startsWith("https://")),
      // What an API answers depends on who asks (a band's members and their emails,
      // a session): neither the browser nor a shared cache may keep it. A route that
      // can be cached differently (the audio bytes) sets its own.
      "Cache-Control": API_CACHE_CONTROL,
      "x-request-id": requestId,
    };
    const origin = options.acceptsCrossSite ? { ok: true as const } : originCheckOf(head);
    let result: T;
    if (origin.ok) {
      result = await run(extraHeaders);
    } else {
      log().warn({ method: head.method, path: loggablePath(head.pathname), reason: origin.reason }, "cross-site request refused");
      result = await refuse(crossSiteRefusal(extraHeaders));
    }
    log().info({ method: head.method, path: loggablePath(head.pathname), status: statusOf(result), ms: Math.round(performance.now() - started) }, "request");
    return result;
  });
}

export type ApiRouteOptions = {
  /**
   * For a route that acts only by a secret token in its URL and never reads the
   * session cookie (one-click unsubscribe): a cross-site request can do nothing
   * the token holder could not, and mail providers and no-referrer pages send
   * such POSTs with a foreign or null Origin.
   */
  acceptsCrossSite?: "token-only";
};

/** For App Router route handlers (Request in, Response out). */
export function apiRoute<Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>, options: ApiRouteOptions = {}) {
  const route = (request: Request, ...args: Args): Promise<Response> =>
    handleApiRequest(
      { method: request.method, headers: request.headers, pathname: new URL(request.url).pathname },
      async (extraHeaders) => {
        let response: Response;
        try {
          response = await handler(request, ...args);
        } catch (error) {
          response = errorResponse(error);
        }
        return withHeaders(response, extraHeaders);
      },
      async (refusal) => refusal,
      (response) => response.status,
      options,
    );
  return Object.assign(route, { [API_ROUTE]: true as const });
}

type NodeRequest = IncomingMessage & { query?: Partial<Record<string, string | string[]>> };

/**
 * For Pages Router API routes (Node's req/res). The handler either returns a
 * Response, which is written out here, or writes `res` itself (streaming) and
 * returns nothing.
 */
export function nodeApiRoute<Req extends NodeRequest, Res extends ServerResponse>(
  handler: (req: Req, res: Res, head: { headers: Headers }) => Promise<Response | void>,
) {
  const route = async (req: Req, res: Res): Promise<void> => {
    const headers = nodeHeaders(req);
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    await handleApiRequest(
      { method: req.method ?? "GET", headers, pathname },
      async (extraHeaders) => {
        for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
        try {
          const response = await handler(req, res, { headers });
          if (response) await sendWebResponse(res, response);
        } catch (error) {
          await sendErrorResponse(res, error);
        }
      },
      async (refusal) => sendWebResponse(res, refusal),
      () => res.statusCode,
    );
  };
  return Object.assign(route, { [API_ROUTE]: true as const });
}

export function nodeHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** Adds headers the handler did not set itself; some responses (redirects) are immutable, so those are copied. */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  const missing = Object.entries(extra).filter(([name]) => !response.headers.has(name));
  try {
    for (const [name, value] of missing) response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    for (const [name, value] of missing) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
