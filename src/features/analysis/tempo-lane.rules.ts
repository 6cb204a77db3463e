import { formatClock } from "@/lib/format-time";
import type { TempoPoint } from "./analysis.schema";

/**
 * Where a take's tempo runs away from the tempo it should have: the song
 * sheet's, or without one the take's own global BPM. Pure, so the lane, its
 * summary and the compare line read the same numbers.
 */

export type TempoFeel = "steady" | "rush" | "drag";

/** Faster or slower than the reference by more than this share counts as rushing or dragging. */
export const TEMPO_TOLERANCE = 0.025;

/** Under this share two takes are "about the same tempo". */
export const SAME_TEMPO_TOLERANCE = 0.01;

export type TempoReference = { bpm: number; source: "sheet" | "take" };

/** The sheet's tempo when it has one, else the take's own. */
export function tempoReference(sheetBpm: number | null | undefined, takeBpm: number): TempoReference {
  return sheetBpm && sheetBpm > 0 ? { bpm: sheetBpm, source: "sheet" } : { bpm: takeBpm, source: "take" };
}

export function tempoFeel(bpm: number, reference: number, tolerance = TEMPO_TOLERANCE): TempoFeel {
  const ratio = bpm / reference - 1;
  if (ratio > tolerance) return "rush";
  if (ratio < -tolerance) return "drag";
  return "steady";
}

/** A stretch of the take at one feel: from `start` to `end` seconds, its furthest BPM from the reference. */
export type TempoPassage = { feel: TempoFeel; start: number; end: number; extremeBpm: number };

/**
 * The tempo curve cut into passages of one feel. Each point holds until the
 * next one (the last until `duration`); neighbouring points of the same feel
 * join into one passage.
 */
export function tempoPassages(points: readonly TempoPoint[], reference: number, duration: number, tolerance = TEMPO_TOLERANCE): TempoPassage[] {
  // A plain loop carrying the open passage: the production minifier dropped the
  // "same feel as the last one" branch of a forEach that read back the array it pushed to.
  const passages: TempoPassage[] = [];
  let open: TempoPassage | null = null;
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const end = Math.max(point.t, points[i + 1]?.t ?? duration);
    const feel = tempoFeel(point.bpm, reference, tolerance);
    if (open !== null && open.feel === feel) {
      open.end = end;
      if (Math.abs(point.bpm - reference) > Math.abs(open.extremeBpm - reference)) open.extremeBpm = point.bpm;
    } else {
      open = { feel, start: point.t, end, extremeBpm: point.bpm };
      passages.push(open);
    }
  }
  return passages;
}

/** The bar (1-based) playing at `seconds`: the last downbeat at or before it; bar 1 before the first. */
export function barAt(downbeats: readonly number[], seconds: number): number {
  let bar = 0;
  for (const d of downbeats) {
    if (d <= seconds + 1e-6) bar += 1;
    else break;
  }
  return Math.max(1, bar);
}

/** The bars a passage covers, or null when the take has no bars. */
function barsOf(passage: TempoPassage, downbeats: readonly number[]): [number, number] | null {
  if (downbeats.length === 0) return null;
  // The passage ends where the next begins: its last bar is the one playing just before.
  return [barAt(downbeats, passage.start), barAt(downbeats, Math.max(passage.start, passage.end - 1e-3))];
}

/**
 * What a band reads under the lane: "Rushed from 120 to 128 BPM in bars 17–24",
 * "Dragged from 120 to 112 BPM at 0:30–0:45" when there are no bars.
 * Steady passages say nothing.
 */
export function tempoSummary(points: readonly TempoPoint[], reference: number, duration: number, downbeats: readonly number[]): string[] {
  return tempoPassages(points, reference, duration)
    .filter((p) => p.feel !== "steady")
    .map((p) => {
      const verb = p.feel === "rush" ? "Rushed" : "Dragged";
      const bars = barsOf(p, downbeats);
      const where = bars ? (bars[0] === bars[1] ? `in bar ${bars[0]}` : `in bars ${bars[0]}–${bars[1]}`) : `at ${formatClock(p.start)}–${formatClock(p.end)}`;
      return `${verb} from ${Math.round(reference)} to ${Math.round(p.extremeBpm)} BPM ${where}`;
    });
}

/** Percent faster (+) or slower (−) `bpm` is than `than`, rounded to a whole percent. */
export function tempoDifferencePercent(bpm: number, than: number): number {
  return Math.round((bpm / than - 1) * 100);
}

/**
 * "Take 5 is 3% faster than Take 3", "… slower than …", or "… about the same tempo as …"
 * (under 1% apart).
 */
export function compareTempoLine(take: { label: string; bpm: number }, other: { label: string; bpm: number }): string {
  const ratio = take.bpm / other.bpm - 1;
  if (Math.abs(ratio) < SAME_TEMPO_TOLERANCE) return `${take.label} is about the same tempo as ${other.label}`;
  const percent = Math.max(1, Math.abs(Math.round(ratio * 100)));
  return `${take.label} is ${percent}% ${ratio > 0 ? "faster" : "slower"} than ${other.label}`;
}
