/**
 * Bars and beats of a take, from its analysis: which bar a moment is in, where
 * bar n starts, the nearest beat or bar, the bars a passage covers, and how a
 * dragged loop snaps. Times are seconds of the take; bars count from 1 at the
 * first downbeat (music that starts late has no bar before it: bar 0).
 */
export type BeatGrid = {
  /** Every beat, in time order. */
  beats: readonly number[];
  /** Bar starts (a subset of the beats), in time order. */
  downbeats: readonly number[];
};

export type SnapMode = "bar" | "beat" | "off";

export const SNAP_MODES: readonly SnapMode[] = ["bar", "beat", "off"];

/** Index of the last element <= t (binary search), or -1 when t is before them all. */
export function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The bar (1-based) that `t` falls in; 0 before the first downbeat or when there are no bars. */
export function barAt(grid: BeatGrid, t: number): number {
  return lastAtOrBefore(grid.downbeats, t) + 1;
}

/** Where bar `n` (1-based) starts, or null when the take has no such bar. */
export function barStart(grid: BeatGrid, n: number): number | null {
  if (!Number.isInteger(n) || n < 1) return null;
  return grid.downbeats[n - 1] ?? null;
}

/**
 * The length of bar `n`: to the next downbeat, or for the last bar the length
 * of the bar before it (the music's own bar length near there).
 */
function barLength(grid: BeatGrid, index: number): number | null {
  const { downbeats } = grid;
  const next = downbeats[index + 1];
  if (next != null) return next - downbeats[index]!;
  const previous = downbeats[index - 1];
  return previous != null ? downbeats[index]! - previous : null;
}

/** Bar `n`'s start and end (the next bar's start; the last bar is as long as the one before it). */
export function barRange(grid: BeatGrid, n: number, duration = Infinity): { start: number; end: number } | null {
  const start = barStart(grid, n);
  if (start == null) return null;
  const length = barLength(grid, n - 1);
  const end = length != null ? start + length : duration;
  return { start, end: Math.min(end, duration) };
}

/** The time in `times` closest to `t` (the earlier one on a tie), or null when there are none. */
export function nearest(times: readonly number[], t: number): number | null {
  if (times.length === 0) return null;
  const i = lastAtOrBefore(times, t);
  if (i < 0) return times[0]!;
  const before = times[i]!;
  const after = times[i + 1];
  if (after == null) return before;
  return after - t < t - before ? after : before;
}

export const nearestBeat = (grid: BeatGrid, t: number) => nearest(grid.beats, t);
export const nearestBar = (grid: BeatGrid, t: number) => nearest(grid.downbeats, t);

/**
 * The whole bars a passage covers: from the start of the bar `start` is in to
 * the end of the bar `end` is in (an end exactly on a downbeat stays there).
 * Music before the first bar widens to the first bar's start. Null when the
 * take has no bars.
 */
export function barsCovering(grid: BeatGrid, start: number, end: number, duration = Infinity): { start: number; end: number; firstBar: number; lastBar: number } | null {
  const { downbeats } = grid;
  if (downbeats.length === 0 || end <= start) return null;
  const firstBar = Math.max(1, barAt(grid, start));
  // The bar that holds the moment just before `end`: an end on a downbeat closes the bar before it.
  const lastIndex = Math.max(firstBar - 1, lastAtOrBefore(downbeats, end - 1e-6));
  const lastBar = lastIndex + 1;
  const range = barRange(grid, lastBar, duration);
  return { start: downbeats[firstBar - 1]!, end: range ? range.end : end, firstBar, lastBar };
}

/**
 * A dragged loop snapped to the grid: each edge to the nearest bar or beat.
 * Edges that would snap onto each other keep one grid step between them.
 * With `off`, or a take with no grid for the mode, the loop stays as dragged.
 */
export function snapLoop(grid: BeatGrid, start: number, end: number, mode: SnapMode, duration = Infinity): { start: number; end: number } {
  const times = mode === "bar" ? grid.downbeats : mode === "beat" ? grid.beats : [];
  if (times.length < 2 || end <= start) return { start, end };
  const s = nearest(times, start)!;
  let e = nearest(times, end)!;
  if (e <= s) {
    const i = lastAtOrBefore(times, s);
    const next = times[i + 1];
    e = next ?? Math.min(duration, s + (s - times[i - 1]!));
  }
  return { start: s, end: Math.min(e, duration) };
}

/** The middle of the sorted gaps between consecutive times (0 with fewer than two). */
export function typicalGap(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/** Bar numbers are spaced at least this far apart on screen. */
export const MIN_LABEL_GAP_PX = 32;
/** The beat grid shows once beats are at least this far apart. */
export const MIN_BEAT_GAP_PX = 10;

/**
 * Every how many bars a number is written, so numbers sit at least `minGap`
 * pixels apart: 1, 2, 4, 8, 16... (0: no bars).
 */
export function barLabelStep(grid: BeatGrid, pxPerSecond: number, minGap = MIN_LABEL_GAP_PX): number {
  const bar = typicalGap(grid.downbeats);
  if (bar <= 0 || pxPerSecond <= 0) return grid.downbeats.length > 0 ? 1 : 0;
  let step = 1;
  while (step * bar * pxPerSecond < minGap && step < 1024) step *= 2;
  return step;
}

/** The bars to number: 1, then every `step`-th (1, 5, 9… for step 4 reads as bar lines players count). */
export function labelledBars(grid: BeatGrid, step: number): { bar: number; at: number }[] {
  if (step <= 0) return [];
  return grid.downbeats.flatMap((at, i) => ((i % step) === 0 ? [{ bar: i + 1, at }] : []));
}

/** Whether the beats are far enough apart at this zoom to draw a grid line for each. */
export function showBeatGrid(grid: BeatGrid, pxPerSecond: number, minGap = MIN_BEAT_GAP_PX): boolean {
  const beat = typicalGap(grid.beats);
  return beat > 0 && beat * pxPerSecond >= minGap;
}
