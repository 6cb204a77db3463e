import { describeCause, toAppError, unavailableHeaders } from "@/server/errors";
import { log } from "@/server/log";

/** A JSON error body for route handlers: the message and reason, never a stack. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const appError = toAppError(error);
  if (appError) {
    if (appError.kind === "SERVICE_UNAVAILABLE") {
      log().error({ cause: describeCause(appError.cause ?? error) }, "database unavailable");
      headers = unavailableHeaders(headers);
    }
    return Response.json(
      { error: { message: appError.message, code: appError.trpcCode, reason: appError.reason ?? null } },
      { status: appError.status, headers },
    );
  }
  log().error({ err: error }, "request failed");
  return Response.json(
    { error: { message: "Something went wrong on our side. Please try again.", code: "INTERNAL_SERVER_ERROR", reason: null } },
    { status: 500, headers },
  );
}

