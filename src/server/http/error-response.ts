import { AppError } from "@/server/errors";
import { log } from "@/server/log";

/** A JSON error body for route handlers: the message and reason, never a stack. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
    return Response.json(
      { error: { message: error.message, code: error.trpcCode, reason: error.reason ?? null } },
      { status: error.status, headers },
    );
  }
  log().error({ err: error }, "request failed");
  return Response.json(
    { error: { message: "Something went wrong on our side. Please try again.", code: "INTERNAL_SERVER_ERROR", reason: null } },
    { status: 500, headers },
  );
}
