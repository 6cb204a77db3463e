"use client";

import { onlineManager } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { checkSaved, clearOfflineData, offlineSupported, setSignedInPerson, type CheckOutcome } from "../offline-store";

type OfflineSessionValue = { userId: string | null; lastCheck: CheckOutcome | null };

const OfflineSessionContext = createContext<OfflineSessionValue>({ userId: null, lastCheck: null });

/** The signed-in person whose saved things this page may show and save (null when signed out). */
export function useOfflineSession(): OfflineSessionValue {
  return useContext(OfflineSessionContext);
}

/**
 * Registers the service worker and keeps the browser's saved things in step
 * with who is signed in: a page rendered for nobody clears them all; a page
 * rendered for someone names their cache and drops anyone else's. When the
 * network is there (now, or when it comes back) saved items are checked.
 * `unknown`: the session could not be looked up (an outage): nothing changes.
 */
export function OfflineSession({ userId, unknown, children }: { userId: string | null; unknown: boolean; children: ReactNode }) {
  const [lastCheck, setLastCheck] = useState<CheckOutcome | null>(null);
  useEffect(() => {
    // react-query assumes "online" until an event says otherwise; a page opened
    // offline (from the service worker) must hold its changes from the start,
    // so that they wait ("waiting to sync") and are sent when the network returns.
    onlineManager.setOnline(navigator.onLine);
  }, []);
  useEffect(() => {
    if (!offlineSupported() || unknown) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a service worker the app works as before, online only.
    });
    if (!userId) {
      void clearOfflineData();
      return;
    }
    let active = true;
    const check = () => {
      if (!navigator.onLine) return;
      checkSaved(userId)
        .then((outcome) => active && (outcome.removed.length || outcome.refreshed.length) && setLastCheck(outcome))
        .catch(() => {
          // The network went away mid-check: the next "online" tries again.
        });
    };
    void setSignedInPerson(userId).then(check);
    window.addEventListener("online", check);
    return () => {
      active = false;
      window.removeEventListener("online", check);
    };
  }, [userId, unknown]);
  return <OfflineSessionContext.Provider value={{ userId, lastCheck }}>{children}</OfflineSessionContext.Provider>;
}
