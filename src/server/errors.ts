import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError } from "zod";
import { SERVICE_UNAVAILABLE_DIGEST, SERVICE_UNAVAILABLE_RETRY_SECONDS } from "@/lib/service-unavailable";
import { isDatabaseUnavailable } from "@/server/db/unavailable";

/**
 * Domain errors, and the one table that maps each to a tRPC code and an HTTP
 * status. Procedures, route handlers and pages all throw these.
 */
export const errorKinds = {
  UNAUTHORIZED: { code: "UNAUTHORIZED", status: 401 },
  FORBIDDEN: { code: "FORBIDDEN", status: 403 },
  NOT_FOUND: { code: "NOT_FOUND", status: 404 },
  CONFLICT: { code: "CONFLICT", status: 409 },
  // tRPC has no 410 code: PRECONDITION_FAILED travels, the HTTP status says 410.
  GONE: { code: "PRECONDITION_FAILED", status: 410 },
  BAD_REQUEST: { code: "BAD_REQUEST", status: 400 },
  PAYLOAD_TOO_LARGE: { code: "PAYLOAD_TOO_LARGE", status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { code: "UNSUPPORTED_MEDIA_TYPE", status: 415 },
  RANGE_NOT_SATISFIABLE: { code: "BAD_REQUEST", status: 416 },
  TOO_MANY_REQUESTS: { code: "TOO_MANY_REQUESTS", status: 429 },
  // The database cannot be reached: nothing was done, the same request will work again.
  SERVICE_UNAVAILABLE: { code: "SERVICE_UNAVAILABLE", status: 503 },
} as const satisfies Record<string, { code: TRPC_ERROR_CODE_KEY; status: number }>;

export type ErrorKind = keyof typeof errorKinds;

export type ErrorReason =
  | "NOT_A_MEMBER"
  | "INSUFFICIENT_ROLE"
  | "INVITE_NOT_FOUND"
  | "INVITE_USED"
  | "INVITE_EXPIRED"
  | "ALREADY_MEMBER"
  | "EMAIL_MISMATCH"
  | "LAST_OWNER"
  | "ROLE_NOT_ALLOWED"
  | "NAME_TAKEN"
  | "RATE_LIMITED"
  | "SHARE_NOT_FOUND"
  | "SHARE_EXPIRED"
  | "SHARE_PASSWORD_REQUIRED"
  | "SHARE_PASSWORD_WRONG";

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly reason: ErrorReason | undefined;
  /** Next.js keeps a thrown error's digest, so error pages can tell an outage from a bug. */
  readonly digest: string | undefined;

  constructor(kind: ErrorKind, message: string, reason?: ErrorReason) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.reason = reason;
    if (kind === "SERVICE_UNAVAILABLE") this.digest = SERVICE_UNAVAILABLE_DIGEST;
  }

  get status(): number {
    return errorKinds[this.kind].status;
  }

  get trpcCode(): TRPC_ERROR_CODE_KEY {
    return errorKinds[this.kind].code;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** `cause` (the database's own error) is kept for the server log only. */
export const serviceUnavailable = (cause?: unknown) =>
  Object.assign(new AppError("SERVICE_UNAVAILABLE", "RehearsalHub is temporarily unavailable. Please try again in a moment."), { cause });

/** The headers every 503 carries, so clients and proxies know when to come back. */
export function unavailableHeaders(headers?: HeadersInit): Headers {
  const merged = new Headers(headers);
  merged.set("Retry-After", String(SERVICE_UNAVAILABLE_RETRY_SECONDS));
  merged.set("Cache-Control", "no-store");
  return merged;
}

/**
 * Errors from below the domain (the database) that have a meaning for users:
 * an unreachable database is a 503, a unique constraint is a conflict, a
 * missing row is a 404.
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && (error as { name?: string }).name === "PrismaClientKnownRequestError") {
    if (code === "P2002") return new AppError("CONFLICT", "That already exists.");
    if (code === "P2025") return new AppError("NOT_FOUND", "Not found.");
  }
  return null;
}

/**
 * A request whose input cannot be decoded at all (not JSON, nested too deep, a
 * key that reaches for a prototype, superjson metadata naming a type we do not
 * know): a 400 in these words, never the decoder's own ("Maximum call stack
 * size exceeded", "Unexpected token ...").
 */
export const UNDECODABLE_INPUT_MESSAGE = "This request's input could not be read: send plain JSON values, encoded as the app's own client does.";

/**
 * tRPC answers an input its JSON parser or transformer threw on with
 * BAD_REQUEST (PARSE_ERROR for connection params) that carries the decoder's
 * own error as its cause. Our own refusals carry an AppError or a ZodError.
 */
export function isUndecodableInput(code: TRPC_ERROR_CODE_KEY, cause: unknown): boolean {
  return (code === "BAD_REQUEST" || code === "PARSE_ERROR") && cause instanceof Error && !(cause instanceof AppError) && !(cause instanceof ZodError);
}

/** One line for the server log: what the database said, without a stack. */
export function describeCause(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message.trim().split("\n").pop() : String(error);
  return typeof e?.code === "string" ? `${e.code} ${message}` : String(message);
}
