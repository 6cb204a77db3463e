"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_PRACTICE, parsePractice, PRACTICE_KEY, writePractice, type PracticeSettings } from "@/features/player/practice-settings";

// Kept in localStorage and read as an external store, as the listener's volume is:
// the server's render (the defaults) is what hydrates, and every player follows a change.
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function stored(): string {
  try {
    return window.localStorage.getItem(PRACTICE_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Loop snapping, the click's volume and the count-in (kept in this browser), and a setter. */
export function usePracticeSettings() {
  const raw = useSyncExternalStore(subscribe, stored, () => "");
  const settings = useMemo<PracticeSettings>(() => (raw ? parsePractice(raw) : DEFAULT_PRACTICE), [raw]);
  const update = useCallback((change: Partial<PracticeSettings>) => {
    writePractice(window.localStorage, { ...parsePractice(stored() || null), ...change });
    listeners.forEach((l) => l());
  }, []);
  return { settings, update };
}
