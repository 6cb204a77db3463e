/**
 * Shared by the server (503 responses, the error digest) and the browser (the
 * "temporarily unavailable" page that retries by itself): kept free of server
 * imports so client components can use it.
 */

/** How long clients are told to wait (Retry-After), and how often the page retries. */
export const SERVICE_UNAVAILABLE_RETRY_SECONDS = 5;

/** The digest Next.js passes to error pages for an outage (it keeps a thrown error's own digest). */
export const SERVICE_UNAVAILABLE_DIGEST = "REHEARSALHUB_SERVICE_UNAVAILABLE";
