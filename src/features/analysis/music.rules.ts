/**
 * The musical decisions of the analysis, apart from the signal processing:
 * which tempo octave, where bars start, the tempo curve, chord spans and how
 * keys and chords are spelled. Pure.
 */
import { parseKey, spellingOfKey, transposeChord, transposeKey } from "@/features/songs/chart/transpose.rules";
import type { ChordSpan, MusicKey, TempoPoint } from "@/features/analysis/analysis.schema";

/** The tempi a band's song is read in (with 5% either side); outside, the beat is taken at double or half speed. */
export const TEMPO_RANGE = { min: 70, max: 180 } as const;

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function intervals(beats: number[]): number[] {
  return beats.slice(1).map((t, i) => t - beats[i]!);
}

/**
 * The global tempo: 60 over the typical beat interval, the mean of the
 * intervals within 10% of the median (a missed or doubled beat does not count,
 * and the tracker's ~12 ms steps average out).
 */
export function bpmOf(beats: number[]): number {
  return bpmOfIntervals(intervals(beats));
}

function bpmOfIntervals(gaps: number[]): number {
  const typical = median(gaps);
  const near = gaps.filter((g) => Math.abs(g - typical) <= typical * 0.1);
  return 60 / (near.reduce((s, g) => s + g, 0) / near.length);
}

/**
 * The beats at the tempo a musician would count. A beat tracker can lock on
 * the eighths (every other beat then carries much less of the music: the
 * hats between kick and snare) or on every other beat (the midpoints then
 * carry as much as the beats). `strength(t)` is the onset strength around
 * time t. Within 90-140 BPM either reading is out of range and the range
 * decides; between, the music does.
 */
export function chooseTempoOctave(beats: number[], strength: (t: number) => number): number[] {
  if (beats.length < 8) return beats;
  let current = beats;
  for (let step = 0; step < 2; step++) {
    const bpm = bpmOf(current);
    const halved = halve(current, strength);
    const doubled = double(current);
    if (bpm > TEMPO_RANGE.max * 1.05) current = halved.beats;
    else if (bpm < TEMPO_RANGE.min * 0.95) current = doubled;
    else if (bpm / 2 >= TEMPO_RANGE.min * 0.95 && halved.weakRatio < 0.5) current = halved.beats;
    else if (bpm * 2 <= TEMPO_RANGE.max * 1.05 && midpointRatio(current, strength) > 0.6) current = doubled;
    else break;
  }
  return current;
}

/** Every other beat, the stronger parity; `weakRatio` is how much the other carries by comparison. */
function halve(beats: number[], strength: (t: number) => number): { beats: number[]; weakRatio: number } {
  const sums = [0, 0];
  beats.forEach((t, i) => (sums[i % 2]! += strength(t)));
  const strong = sums[0]! >= sums[1]! ? 0 : 1;
  return { beats: beats.filter((_, i) => i % 2 === strong), weakRatio: sums[1 - strong]! / Math.max(sums[strong]!, 1e-12) };
}

function double(beats: number[]): number[] {
  const out: number[] = [];
  beats.forEach((t, i) => {
    out.push(t);
    if (i + 1 < beats.length) out.push((t + beats[i + 1]!) / 2);
  });
  return out;
}

/** Onset strength halfway between beats over onset strength on them. */
function midpointRatio(beats: number[], strength: (t: number) => number): number {
  let on = 0;
  let between = 0;
  for (let i = 0; i + 1 < beats.length; i++) {
    on += strength(beats[i]!);
    between += strength((beats[i]! + beats[i + 1]!) / 2);
  }
  return between / Math.max(on, 1e-12);
}

/**
 * Which beat of four starts a bar (4/4): the phase where the chord changes
 * most (`change[i]`: how different beat i's harmony is from beat i-1's) and
 * the low end hits hardest (`low[i]`: bass and kick energy at beat i), each
 * scaled to its own largest phase so neither drowns the other.
 */
export function downbeatPhase(change: number[], low: number[]): number {
  const changeByPhase = [0, 0, 0, 0];
  const lowByPhase = [0, 0, 0, 0];
  change.forEach((c, i) => (changeByPhase[i % 4]! += c));
  low.forEach((l, i) => (lowByPhase[i % 4]! += l));
  const cMax = Math.max(...changeByPhase, 1e-12);
  const lMax = Math.max(...lowByPhase, 1e-12);
  let best = 0;
  let bestScore = -Infinity;
  for (let p = 0; p < 4; p++) {
    const score = changeByPhase[p]! / cMax + 0.5 * (lowByPhase[p]! / lMax);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return best;
}

/**
 * The tempo every `step` seconds, as bpmOf reads it from the beat intervals
 * within `window` seconds around each point, then smoothed over its neighbours.
 */
export function tempoCurve(beats: number[], { step = 4, window = 8 } = {}): TempoPoint[] {
  if (beats.length < 3) return [];
  const first = beats[0]!;
  const last = beats.at(-1)!;
  const raw: TempoPoint[] = [];
  for (let t = first; t <= last + 1e-9; t += step) {
    const near: number[] = [];
    for (let i = 1; i < beats.length; i++) {
      const mid = (beats[i]! + beats[i - 1]!) / 2;
      if (Math.abs(mid - t) <= window / 2) near.push(beats[i]! - beats[i - 1]!);
    }
    if (near.length >= 2) raw.push({ t, bpm: bpmOfIntervals(near) });
  }
  return raw.map((p, i) => {
    const around = raw.slice(Math.max(0, i - 1), i + 2);
    return { t: round(p.t, 3), bpm: round(around.reduce((s, q) => s + q.bpm, 0) / around.length, 2) };
  });
}

/**
 * Beats of overlapping windows in one list: each window's beats are kept
 * within its own part (`from` to `to`), and a beat closer than `minGap` to the
 * one before (the same beat seen from both sides of a seam) is dropped.
 */
export function stitchBeats(parts: { beats: number[]; from: number; to: number }[], minGap = 0.15): number[] {
  const out: number[] = [];
  for (const part of parts) {
    for (const t of part.beats) {
      if (t < part.from || t >= part.to) continue;
      if (out.length && t - out.at(-1)! < minGap) continue;
      out.push(t);
    }
  }
  return out;
}

/** Consecutive beats with the same chord as one span; `end` closes the last. */
export function chordSpans(beats: number[], labels: string[], end: number): ChordSpan[] {
  const spans: ChordSpan[] = [];
  labels.forEach((label, i) => {
    const start = beats[i]!;
    const stop = beats[i + 1] ?? Math.max(end, start);
    const last = spans.at(-1);
    if (last && last.label === label && Math.abs(last.end - start) < 1e-6) last.end = round(stop, 3);
    else spans.push({ start: round(start, 3), end: round(stop, 3), label });
  });
  return spans;
}

/** Essentia's key ("A#", "minor", strength) named as a band writes it ("Bbm"), confidence kept within 0-1. */
export function musicKey(key: string, scale: string, strength: number): MusicKey {
  const mode = scale === "minor" ? "minor" : "major";
  // Moving a key by an octave lands on itself, named the usual way.
  const label = transposeKey(mode === "minor" ? `${key}m` : key, 12);
  return { tonic: mode === "minor" ? label.slice(0, -1) : label, mode, label, confidence: round(Math.min(1, Math.max(0, strength)), 3) };
}

/** Essentia's chord ("A#m", "C", "N") spelled in the key: "Bbm" in F major, "A#m" in F# major. */
export function chordLabel(chord: string, key: MusicKey): string {
  if (!/^[A-G]/.test(chord)) return "N";
  const parsed = parseKey(key.label);
  // An octave up is the same chord, spelled afresh.
  return parsed ? transposeChord(chord, 12, spellingOfKey(parsed)) : chord;
}

const SHARP_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

/**
 * The major or minor triad a 12-bin chroma (HPCP: bin 0 is A) sounds most
 * like, by cosine with each triad's three notes, the root weighted a little
 * above the others (it is what the bass plays); sharps spelling, "N" for a
 * chroma with nothing in it.
 */
export function triadOfChroma(chroma: ArrayLike<number>): string {
  let energy = 0;
  for (let k = 0; k < 12; k++) energy += chroma[k]! * chroma[k]!;
  if (!(energy > 0)) return "N";
  let best = "N";
  let bestScore = -Infinity;
  for (let root = 0; root < 12; root++) {
    for (const minor of [false, true]) {
      const notes: [number, number][] = [[root, 1.2], [(root + (minor ? 3 : 4)) % 12, 1], [(root + 7) % 12, 1]];
      let dot = 0;
      let norm = 0;
      for (const [pc, weight] of notes) {
        dot += weight * chroma[(pc + 3) % 12]!;
        norm += weight * weight;
      }
      const score = dot / Math.sqrt(norm * energy);
      if (score > bestScore) [best, bestScore] = [`${SHARP_NAMES[root]}${minor ? "m" : ""}`, score];
    }
  }
  return best;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
