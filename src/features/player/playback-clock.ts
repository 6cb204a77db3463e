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
};

export function createPlaybackClock(initial = 0): PlaybackClock {
  let now = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => now,
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
