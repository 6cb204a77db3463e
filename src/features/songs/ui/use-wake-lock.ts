"use client";

import { useEffect, useState } from "react";

export type WakeLockState = "asking" | "on" | "unsupported" | "refused";

/**
 * Keeps the screen on while `active`, with the Screen Wake Lock API, and says whether it
 * could. The browser drops the lock whenever the page is hidden; it is asked again when
 * the page comes back.
 */
export function useWakeLock(active: boolean): WakeLockState {
  // Only ever rendered in the browser (the stage view opens on a tap), so navigator is there.
  const [state, setState] = useState<WakeLockState>(() => (wakeLockApi() ? "asking" : "unsupported"));

  useEffect(() => {
    const wakeLock = wakeLockApi();
    if (!active || !wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;
    const request = async () => {
      try {
        const s = await wakeLock.request("screen");
        if (stopped) {
          void s.release();
          return;
        }
        sentinel = s;
        setState("on");
      } catch {
        if (!stopped) setState("refused");
      }
    };
    const onVisible = () => {
      if (document.visibilityState === "visible" && (!sentinel || sentinel.released)) void request();
    };
    void request();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisible);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);

  return state;
}

function wakeLockApi(): WakeLock | undefined {
  return typeof navigator !== "undefined" ? (navigator as Navigator & { wakeLock?: WakeLock }).wakeLock : undefined;
}

export const wakeLockMessage: Record<WakeLockState, string> = {
  asking: "Asking the browser to keep the screen on…",
  on: "The screen stays on while the stage view is open.",
  unsupported: "This browser cannot keep the screen on: turn off auto-lock on your phone for the gig.",
  refused: "The browser would not keep the screen on (battery saver?): turn off auto-lock on your phone for the gig.",
};
