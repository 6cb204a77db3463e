"use client";

import { useCallback, useSyncExternalStore } from "react";
import { clampTranspose } from "../chart/transpose.rules";

/**
 * How far this browser shows a song transposed. A view choice of whoever is looking,
 * kept in localStorage per song, never saved on the song: the singer can read it in A
 * while the guitarist keeps G.
 */
const storageKey = (songId: string) => `rehearsalhub:transpose:${songId}`;
const CHANGED = "rehearsalhub:transpose";
/** Where the choice stays for this page when the browser refuses storage (private mode, quota). */
const memory = new Map<string, number>();

function read(songId: string): number {
  const kept = memory.get(songId);
  if (kept !== undefined) return kept;
  try {
    return clampTranspose(Number(window.localStorage.getItem(storageKey(songId)) ?? 0));
  } catch {
    return 0;
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export function useTranspose(songId: string): [number, (next: number) => void] {
  const semitones = useSyncExternalStore(subscribe, () => read(songId), () => 0);
  const set = useCallback(
    (next: number) => {
      const value = clampTranspose(next);
      try {
        if (value === 0) window.localStorage.removeItem(storageKey(songId));
        else window.localStorage.setItem(storageKey(songId), String(value));
      } catch {
        memory.set(songId, value);
      }
      window.dispatchEvent(new Event(CHANGED));
    },
    [songId],
  );
  return [semitones, set];
}
