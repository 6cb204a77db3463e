"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_VOLUME, parseVolume, VOLUME_KEY, volumeIsSettable, writeVolume, type VolumeSetting } from "@/features/player/volume";

// The setting lives in localStorage: read as an external store, so the server's
// render (full volume) is what hydrates, and every player on the page follows a change.
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
    return window.localStorage.getItem(VOLUME_KEY) ?? "";
  } catch {
    return "";
  }
}

let settable: boolean | null = null;
/** Asked once per page, of an element of its own: iOS ignores a page's volume. */
function canSetVolume(): boolean {
  settable ??= volumeIsSettable(document.createElement("audio"));
  return settable;
}

const subscribeNothing = () => () => {};

/** The listener's volume and mute (kept in this browser), whether this browser lets a page set the volume, and setters. */
export function useListenerVolume() {
  const raw = useSyncExternalStore(subscribe, stored, () => "");
  const setting = useMemo<VolumeSetting>(() => (raw ? parseVolume(raw) : DEFAULT_VOLUME), [raw]);
  const adjustable = useSyncExternalStore(subscribeNothing, canSetVolume, () => true);
  const save = useCallback((next: VolumeSetting) => {
    writeVolume(window.localStorage, next);
    listeners.forEach((l) => l());
  }, []);
  // Turning it up while muted unmutes, as every player does.
  const setVolume = useCallback(
    (volume: number) => {
      const current = parseVolume(stored() || null);
      save({ volume, muted: volume > 0 ? false : current.muted });
    },
    [save],
  );
  const toggleMute = useCallback(() => {
    const current = parseVolume(stored() || null);
    save({ ...current, muted: !current.muted });
  }, [save]);
  return { ...setting, adjustable, setVolume, toggleMute };
}
