/**
 * Pool sizing shared by the app's client and the embedded server, kept apart
 * so the app's client never has to import PGlite.
 */

/** The embedded server marks its URLs with this application_name. */
export const EMBEDDED_APPLICATION_NAME = "rehearsalhub-pglite";

/**
 * PGlite is one backend that runs one statement at a time and belongs to one
 * connection for the whole of an open transaction, so connections add no
 * parallelism; a few still help by overlapping the round trips (measured: 200
 * concurrent reads ~2x faster with 4 than with 1, 20 concurrent interactive
 * transactions ~1.3x). Four stays well below the embedded server's connection
 * limit when several processes (next build workers, the dev server, a
 * migration run) connect at once.
 */
export const EMBEDDED_POOL_MAX = 4;

/** node-postgres's own default; a real server runs these in parallel. */
export const SERVER_POOL_MAX = 10;

export function isEmbeddedPostgresUrl(url: string): boolean {
  try {
    return new URL(url).searchParams.get("application_name") === EMBEDDED_APPLICATION_NAME;
  } catch {
    return false;
  }
}

export function poolMaxFor(url: string): number {
  return isEmbeddedPostgresUrl(url) ? EMBEDDED_POOL_MAX : SERVER_POOL_MAX;
}
