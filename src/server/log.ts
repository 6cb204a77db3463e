import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/env";

/**
 * The app's one logger: JSON lines (pino) on stdout. Every line written while
 * an API request is being handled carries that request's id (`reqId`), taken
 * from the request context below, so one request's lines can be found together.
 *
 * What is never logged: tokens, cookies, magic links, query strings (they carry
 * tokens: sign-in callbacks, tRPC inputs) and request bodies. Errors are logged
 * by message and stack, never with their request. The one exception is the
 * outbox notice when no SMTP_URL is set: there, printing the sign-in link in the
 * server log is the documented way to sign in locally.
 */

type RequestContext = { requestId: string };
const requestContext = new AsyncLocalStorage<RequestContext>();

/** Keys whose values must never reach the log, wherever they appear in a logged object. */
export const REDACTED_KEYS = ["token", "sessionToken", "cookie", "authorization", "password", "secret", "url", "link", "callbackUrl"];

export function createLogger(destination?: DestinationStream, level = env().logLevel): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = requestContext.getStore();
        return ctx ? { reqId: ctx.requestId } : {};
      },
      redact: {
        paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
        censor: "[redacted]",
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** Paths whose segment after a prefix is a secret: a share link's page and its audio routes. */
const SECRET_PATH_SEGMENT = /^(\/(?:api\/)?s\/)[^/]+/;

/** A request path as it may be logged: a share link's token becomes "[token]". */
export function loggablePath(pathname: string): string {
  return pathname.replace(SECRET_PATH_SEGMENT, "$1[token]");
}

let instance: Logger | undefined;

export function log(): Logger {
  instance ??= createLogger();
  return instance;
}

/** Runs `fn` with `requestId` attached to every log line written inside it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * For tests: sends every log line (all levels) to an array until `restore()`,
 * so a test can assert what was and was not logged.
 */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const previous = instance;
  instance = createLogger({ write: (line: string) => void lines.push(line.trimEnd()) }, "trace");
  return { lines, restore: () => void (instance = previous) };
}
