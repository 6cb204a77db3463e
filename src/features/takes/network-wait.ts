/**
 * Waiting for the network in the browser, for everything a take needs on its
 * way up: the upload's requests (upload-take.ts) and the code fetched when a
 * take is sent (the uploader, the recorder's WebM fix-up). A dead spot holds
 * them until the connection is back; it never ends them.
 */
import { ONLINE_RECHECK_MS } from "@/features/takes/upload-retry.rules";

export const browserOnline = () => typeof navigator === "undefined" || navigator.onLine !== false;

/**
 * Resolves when it is worth trying again: at once when the browser comes back
 * online, or after ONLINE_RECHECK_MS while it says it is online (the server may
 * have been out of reach without the browser noticing); never while it says it
 * is offline. Stopping it (the upload cancelled) removes its listener and timer.
 */
export function networkBack(): { ready: Promise<void>; stop: () => void } {
  let stop = () => {};
  const ready = new Promise<void>((resolve) => {
    const done = () => {
      stop();
      resolve();
    };
    window.addEventListener("online", done);
    const timer = window.setInterval(() => {
      if (browserOnline()) done();
    }, ONLINE_RECHECK_MS);
    stop = () => {
      window.removeEventListener("online", done);
      window.clearInterval(timer);
    };
  });
  return { ready, stop };
}

/**
 * Loads code fetched on first use (a dynamic import); when that fails (no
 * connection), says so through onWaiting and tries again once the network is
 * back. Null when cancelled meanwhile.
 */
export async function loadWhenOnline<T>(load: () => Promise<T>, { onWaiting, signal }: { onWaiting?: (waiting: boolean) => void; signal?: AbortSignal } = {}): Promise<T | null> {
  for (;;) {
    if (signal?.aborted) return null;
    try {
      const loaded = await load();
      onWaiting?.(false);
      return loaded;
    } catch {
      onWaiting?.(true);
      const back = networkBack();
      const cancelled = new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve(), { once: true }));
      await Promise.race([back.ready, cancelled]);
      back.stop();
    }
  }
}
