/**
 * The click track's timing: clicks on the take's own beats (accented on
 * downbeats), scheduled a little ahead on the audio clock (AudioContext time).
 * The take's time (the media element's currentTime) maps to the audio clock
 * through an anchor taken at a sync point: context = anchor.context +
 * (media - anchor.media) / rate. Each step of the scheduler compares the
 * element's time with the anchor's prediction and takes a new anchor on a seek,
 * a speed change, or once the two clocks have drifted apart by more than a
 * few milliseconds.
 */
import { lastAtOrBefore, typicalGap, type BeatGrid } from "./bars";

/** The same moment on both clocks, and the playback rate in force from it. */
export type ClockAnchor = { media: number; context: number; rate: number };

export type Click = { /** Audio-clock time to sound it. */ at: number; /** The take's time it marks (NaN for a count-in click). */ media: number; accent: boolean };

export type SchedulerState = {
  anchor: ClockAnchor | null;
  /** Take time up to which clicks are scheduled (exclusive). */
  scheduledUntil: number;
};

/** What the scheduler sees at each step: both clocks read together. */
export type Observation = { media: number; context: number; rate: number; playing: boolean };

export type ScheduleOptions = {
  /** How far ahead to schedule, in audio-clock seconds. */
  lookahead?: number;
  /** The A-B loop's end: no click at or past it (the loop jumps back first). */
  loopEnd?: number | null;
  /** Drift (in heard seconds) beyond which a new anchor is taken. */
  tolerance?: number;
};

export const LOOKAHEAD_SECONDS = 0.2;
export const DRIFT_TOLERANCE_SECONDS = 0.01;
/** A jump in the take's time larger than this is a seek (or a loop's jump back), not drift. */
export const SEEK_THRESHOLD_SECONDS = 0.25;
/** A beat exactly at the playhead after a seek still sounds. */
const EDGE = 1e-6;
/**
 * When playback starts, a beat the playhead has just passed (heard less than
 * this long ago: the first step came a moment after the start) still clicks, at once.
 */
export const START_GRACE_SECONDS = 0.02;

export const IDLE: SchedulerState = { anchor: null, scheduledUntil: 0 };

export function mediaToContext(anchor: ClockAnchor, media: number): number {
  return anchor.context + (media - anchor.media) / anchor.rate;
}

export function contextToMedia(anchor: ClockAnchor, context: number): number {
  return anchor.media + (context - anchor.context) * anchor.rate;
}

/** Whether `t` is a downbeat (within a millisecond). */
function isDownbeat(downbeats: readonly number[], t: number): boolean {
  const i = lastAtOrBefore(downbeats, t + 0.001);
  return i >= 0 && Math.abs(downbeats[i]! - t) <= 0.001;
}

/** The clicks for the beats in [from, to) of the take's time, placed on the audio clock by `anchor`. */
export function clicksBetween(grid: BeatGrid, anchor: ClockAnchor, from: number, to: number): Click[] {
  const clicks: Click[] = [];
  for (let i = Math.max(0, lastAtOrBefore(grid.beats, from)); i < grid.beats.length; i++) {
    const beat = grid.beats[i]!;
    if (beat < from) continue;
    if (beat >= to) break;
    clicks.push({ at: mediaToContext(anchor, beat), media: beat, accent: isDownbeat(grid.downbeats, beat) });
  }
  return clicks;
}

/**
 * One step of the scheduler. Returns the new state, the clicks to schedule now,
 * and whether clicks scheduled before must be cancelled (they were placed for
 * another position or speed).
 */
export function scheduleStep(state: SchedulerState, seen: Observation, grid: BeatGrid, options: ScheduleOptions = {}): { state: SchedulerState; clicks: Click[]; cancel: boolean } {
  const lookahead = options.lookahead ?? LOOKAHEAD_SECONDS;
  const tolerance = options.tolerance ?? DRIFT_TOLERANCE_SECONDS;
  if (!seen.playing) return { state: IDLE, clicks: [], cancel: state.anchor != null };

  const fresh: ClockAnchor = { media: seen.media, context: seen.context, rate: seen.rate };
  let anchor = state.anchor;
  let scheduledUntil = state.scheduledUntil;
  let cancel = false;
  if (!anchor) {
    anchor = fresh;
    scheduledUntil = seen.media - START_GRACE_SECONDS * seen.rate;
  } else if (anchor.rate !== seen.rate) {
    anchor = fresh;
    scheduledUntil = seen.media - EDGE;
    cancel = true;
  } else {
    const offBy = contextToMedia(anchor, seen.context) - seen.media;
    if (Math.abs(offBy) > SEEK_THRESHOLD_SECONDS) {
      // Sought, or the loop jumped back: start over from here.
      anchor = fresh;
      scheduledUntil = seen.media - EDGE;
      cancel = true;
    } else if (Math.abs(offBy) / seen.rate > tolerance) {
      // The two clocks drifted apart: follow the take from now on.
      anchor = fresh;
    }
  }

  const from = Math.max(scheduledUntil, seen.media - START_GRACE_SECONDS * seen.rate);
  let to = contextToMedia(anchor, seen.context + lookahead);
  if (options.loopEnd != null && options.loopEnd > seen.media) to = Math.min(to, options.loopEnd);
  const clicks = to > from ? clicksBetween(grid, anchor, from, to) : [];
  return { state: { anchor, scheduledUntil: Math.max(from, to) }, clicks, cancel };
}

/**
 * A one-bar count-in before `loopStart`: as many clicks as the bar there has
 * beats, at its beat length (heard at `rate`), the first accented, starting at
 * `contextStart`. `playAt` is when the take must start at `loopStart` so its
 * first beat follows the count-in on time. Null when the take has no beats.
 */
export function countIn(grid: BeatGrid, loopStart: number, contextStart: number, rate: number): { clicks: Click[]; playAt: number } | null {
  const { beats, downbeats } = grid;
  if (beats.length < 2 || rate <= 0) return null;
  const firstBeatIndex = Math.min(beats.length - 1, Math.max(0, lastAtOrBefore(beats, loopStart - EDGE) + 1));
  const firstBeat = beats[firstBeatIndex]!;
  // The bar the loop starts in gives the count: its beats and their length.
  const barIndex = Math.max(0, lastAtOrBefore(downbeats, firstBeat + 0.001));
  const barFrom = downbeats[barIndex] ?? beats[0]!;
  const barTo = downbeats[barIndex + 1] ?? Infinity;
  const inBar = beats.filter((b) => b >= barFrom - 0.001 && b < barTo - 0.001);
  const count = inBar.length >= 2 ? inBar.length : 4;
  const beat = inBar.length >= 2 ? (inBar[inBar.length - 1]! - inBar[0]!) / (inBar.length - 1) : typicalGap(beats);
  const heardBeat = beat / rate;
  // From the loop's start to its first beat, as heard; a long lead pushes the count-in later.
  const lead = Math.max(0, firstBeat - loopStart) / rate;
  const base = contextStart + Math.max(0, lead - count * heardBeat);
  const clicks = Array.from({ length: count }, (_, i) => ({ at: base + i * heardBeat, media: Number.NaN, accent: i === 0 }));
  return { clicks, playAt: base + count * heardBeat - lead };
}
