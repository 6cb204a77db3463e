/**
 * Where the waveform stands: how wide its drawing is (it grows when zoomed
 * in) and how far it is scrolled, in pixels. Published outside React state like
 * the playback clock, so lanes drawn above and below the waveform follow its
 * zoom and scroll without re-rendering on every frame.
 */
export type LaneViewport = { width: number; scroll: number };

export type LaneView = {
  get(): LaneViewport | null;
  set(view: LaneViewport): void;
  subscribe(listener: () => void): () => void;
};

export function createLaneView(): LaneView {
  let now: LaneViewport | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => now,
    set(view) {
      if (now && now.width === view.width && now.scroll === view.scroll) return;
      now = view;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
