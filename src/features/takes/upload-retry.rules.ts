/**
 * What an upload does when a request fails. A request with no answer (the
 * connection is gone: a phone in a dead spot, Wi-Fi dropping) is never the
 * end of an upload while the page is open: it is retried after short delays
 * while the browser says it is online, and once those run out, or at once when
 * the browser says it is offline, the upload waits for the network and goes on
 * from the last byte the server holds. A server briefly away (a 5xx from a
 * proxy during a restart, a lock still held) is retried after the same delays.
 * Anything else is a refusal to show (not audio, too large, not a member).
 */

/** A failed request: whether one was sent at all, and the status of its answer (0 when none came). */
export type FailedRequest = { sent: boolean; status: number };

/** Waits between retries of a failed request, in milliseconds, before waiting for the network. */
export const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000];

/** While waiting for the network with the browser saying it is online, how often to try again anyway. */
export const ONLINE_RECHECK_MS = 15_000;

/** An answer that says "not now" rather than "no". */
export const isTransientStatus = (status: number) => status >= 500 || status === 408 || status === 409 || status === 423 || status === 429;

/** Whether to try again after the next of RETRY_DELAYS_MS (tus-js-client's onShouldRetry). */
export function retryAfterDelay(failed: FailedRequest, online: boolean): boolean {
  if (!failed.sent) return false;
  // Offline, a retry cannot reach anyone: wait for the network instead.
  if (failed.status === 0) return online;
  return isTransientStatus(failed.status);
}

/** Once the delays are spent (or the browser is offline): whether to wait for the network and go on, rather than fail. */
export const waitForNetwork = (failed: FailedRequest) => failed.sent && failed.status === 0;
