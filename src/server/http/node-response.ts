import type { ServerResponse } from "node:http";
import { log } from "@/server/log";
import { errorResponse } from "./error-response";

/** Writes a web Response (status, headers, body with its exact length) to a Node response. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Content-Length", body.length);
  // Node itself leaves the body out for HEAD requests.
  res.end(body);
}

/**
 * errorResponse for routes that answer on Node's req/res (the Pages Router
 * audio routes): the same mapping, statuses and JSON bodies as every App Router
 * route, not a copy. Once bytes have gone out there is no status left to
 * change, so the connection is cut instead and the client sees a short body.
 */
export async function sendErrorResponse(res: ServerResponse, error: unknown, headers?: HeadersInit): Promise<void> {
  if (res.headersSent) {
    if (!isClientGone(error)) log().error({ err: error }, "response failed after its headers were sent");
    res.destroy();
    return;
  }
  await sendWebResponse(res, errorResponse(error, headers));
}

/** Errors that only mean the client hung up: not worth a log line. */
export function isClientGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}
