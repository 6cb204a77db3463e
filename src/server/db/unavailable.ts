/**
 * The one place that decides whether an error means "the database cannot be
 * reached right now" (a 503 that clears by itself) rather than a bug (a 500).
 *
 * The same outage surfaces in several shapes, depending on where it hits:
 * - Prisma errors with a connection code (P1001 can't reach, P1002 timed out,
 *   P1008 socket timeout, P1017 server closed the connection, P2024 pool
 *   timeout, P2037 too many connections), or P2028 when no connection could
 *   be had to start a transaction in time;
 * - the driver adapter's own error kinds, also carried in `meta.driverAdapterError`
 *   of a failed raw query (P2010);
 * - raw `pg` errors that the adapter passes through unchanged ("Connection
 *   terminated unexpectedly", the pool's connect timeout), socket error codes
 *   and the server's own "shutting down / not accepting connections" SQLSTATEs.
 */

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN"]);

// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now,
// 53300 too many connections; class 08 is "connection exception".
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

const PG_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /Unable to start a transaction in the given time/,
];

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; meta?: unknown; errorCode?: unknown };

function matchesOne(error: ErrorLike): boolean {
  const code = typeof error.code === "string" ? error.code : typeof error.errorCode === "string" ? error.errorCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) return true;
  if (typeof error.message === "string" && PG_MESSAGES.some((re) => re.test(error.message as string))) return true;
  return false;
}

/** True when `error` (or anything it wraps) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || typeof next !== "object" || seen.has(next) || seen.size > 16) continue;
    seen.add(next);
    const e = next as ErrorLike;
    if (matchesOne(e)) return true;
    queue.push(e.cause);
    const meta = e.meta as { driverAdapterError?: { cause?: unknown } } | undefined;
    if (meta?.driverAdapterError) queue.push(meta.driverAdapterError, meta.driverAdapterError.cause);
    // AggregateError (e.g. a connect that tried IPv4 and IPv6) holds its reasons here.
    if (Array.isArray((next as { errors?: unknown }).errors)) queue.push(...(next as { errors: unknown[] }).errors);
  }
  return false;
}
