import { useSyncExternalStore } from "react";

/**
 * The playhead, published outside React state: the player writes it every
 * frame, and only the few small things that show it subscribe, so playback
 * never re-renders the song page.
 */
export type PlaybackClock = {
  get(): number;
  set(seconds: number): void;
  subscribe(listener: () => void): () => void;
  /** The take has been played or sought (by a person or a link), not merely opened where it was left. */
  heard(): boolean;
  markHeard(): void;
};

export function createPlaybackClock(initial = 0): PlaybackClock {
  let now = initial;
  let heard = false;
  const listeners = new Set<() => void>();
  return {
    get: () => now,
    heard: () => heard,
    markHeard() {
      if (heard) return;
      heard = true;
      listeners.forEach((l) => l());
    },
    set(seconds) {
      if (seconds === now) return;
      now = seconds;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The playhead in whole seconds: a component using it renders at most once a second. */
export function useWholeSeconds(clock: PlaybackClock): number {
  return useSyncExternalStore(
    clock.subscribe,
    () => Math.floor(clock.get()),
    () => Math.floor(clock.get()),
  );
}

/** Whether the take has been played or sought yet (re-renders once, when it first is). */
export function useHeard(clock: PlaybackClock): boolean {
  return useSyncExternalStore(clock.subscribe, clock.heard, () => false);
}
