import { spellingFor, transposeChord } from "@/features/songs/chart/transpose.rules";
import type { ChordSpan } from "./analysis.schema";

/** The label of a span where no chord sounds. */
export const NO_CHORD = "N";

/** A chord label needs about this many pixels to be read; narrower spans switch the lane to "now / next". */
export const MIN_SPAN_PX = 40;

/** The span sounding at `seconds` (index into `spans`), or -1 before the first and after the last. */
export function chordIndexAt(spans: readonly ChordSpan[], seconds: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (seconds < span.start) hi = mid - 1;
    else if (seconds >= span.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The chord sounding now and the next different chord after it ("N" spans skipped for "next"). */
export function nowAndNext(spans: readonly ChordSpan[], seconds: number): { now: ChordSpan | null; next: ChordSpan | null } {
  const index = chordIndexAt(spans, seconds);
  const now = index >= 0 ? spans[index]! : null;
  const from = index >= 0 ? index + 1 : spans.findIndex((s) => s.start > seconds);
  if (from < 0) return { now, next: null };
  const next = spans.slice(from).find((s) => s.label !== NO_CHORD && s.label !== now?.label) ?? null;
  return { now, next };
}

/**
 * Spans drawn one by one when most of them are wide enough to read at
 * `pxPerSecond`; else the lane shows "now / next" rather than crushed labels.
 */
export function chordLaneMode(spans: readonly ChordSpan[], pxPerSecond: number): "spans" | "now-next" {
  const chords = spans.filter((s) => s.label !== NO_CHORD);
  if (chords.length === 0 || !(pxPerSecond > 0)) return "now-next";
  const widths = chords.map((s) => (s.end - s.start) * pxPerSecond).sort((a, b) => a - b);
  const median = widths[Math.floor(widths.length / 2)]!;
  return median >= MIN_SPAN_PX ? "spans" : "now-next";
}

/** What a chord reads as in the lane: transposed like the song sheet, "N" as "no chord". */
export function chordName(label: string, semitones: number, songKey: string | null): string {
  if (label === NO_CHORD) return "no chord";
  return transposeChord(label, semitones, spellingFor(songKey, semitones));
}
