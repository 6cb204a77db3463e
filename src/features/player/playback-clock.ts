import { useSyncExternalStore } from "react";

/**
 * The playhead, published outside React state: the player writes it every
 * frame, and only the few small things that show it subscribe, so playback
 * never re-renders the song page.
 */
export type PlaybackClock = {
  /** Where it started: what the server rendered, whatever the browser has set since. */
  readonly initial: number;
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
    initial,
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

/**
 * The playhead in whole seconds: a component using it renders at most once a second.
 * While hydrating it renders what the server did (the clock's start): by the time a
 * later boundary hydrates, the player may already have moved the clock to a deep
 * link's moment or the remembered place, and that text would not match the HTML.
 */
export function useWholeSeconds(clock: PlaybackClock): number {
  return useSyncExternalStore(
    clock.subscribe,
    () => Math.floor(clock.get()),
    () => Math.floor(clock.initial),
  );
}

/** Whether the take has been played or sought yet (re-renders once, when it first is). */
export function useHeard(clock: PlaybackClock): boolean {
  return useSyncExternalStore(clock.subscribe, clock.heard, () => false);
}
