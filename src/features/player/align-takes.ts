/**
 * Suggests how far take B's music is shifted against take A's, from what the
 * browser already has of both: their waveform peaks (a loudness envelope).
 *
 * 1. Each envelope becomes an onset-strength envelope (spectral flux on the one
 *    band the peaks give): log-compressed loudness, its rises only, less their
 *    local average. Hits and entries count; how loud a passage is does not.
 * 2. Every shift within ±`maxShiftSeconds` is scored by the normalised
 *    correlation (Pearson's r) of the two over just their overlap, so shifts
 *    that overlap less are not favoured or penalised for it.
 * 3. A repetitive groove scores nearly the same one bar either side of the
 *    truth; what tells them apart is what does not repeat (an intro, a fill).
 *    A faint prior for small shifts only breaks near-ties.
 * 4. The answer says how sure it is (the margin between the best and the
 *    runner-up) and offers the next-best shifts, so a person can try them.
 */

/** A take's signal as the browser has it. */
export type TakeSignal = {
  /** Loudness per frame, 0..1 (e.g. the peaks' envelope). */
  envelope: number[];
  /** Frames a second. */
  frameRate: number;
  /**
   * The take's music analysis (beats, chroma), once takes have one. Nothing
   * computes it yet: this is where it comes in, and a later scoring of shifts
   * by beats and harmony belongs beside the onset correlation below.
   */
  features?: MusicFeatures;
};

export type MusicFeatures = {
  /** Beat times, seconds into the file. */
  beats?: number[];
  /** Twelve pitch-class values per frame, `frameRate` frames a second. */
  chroma?: { frameRate: number; frames: number[][] };
};

/** A shift and how well it lines the takes up (Pearson's r over the overlap, -1..1). */
export type OffsetCandidate = { seconds: number; score: number };

export type OffsetSuggestion = {
  /** B's music starts this much later in its file than A's (negative: earlier). */
  seconds: number;
  /** 0..1: how far the best shift stands out from the runner-up (0: another lines up as well; 1: nothing else does). */
  confidence: number;
  /** The best shifts, best first (the suggestion is the first), at least MIN_SEPARATION apart. */
  candidates: OffsetCandidate[];
};

export type SuggestOptions = { maxShiftSeconds?: number; candidates?: number };

/** The finest analysis: 20 ms frames, enough for a 50 ms answer and cheap on an hour of peaks. */
export const ANALYSIS_RATE = 50;
/** Candidates closer than this are the same answer. */
const MIN_SEPARATION_SECONDS = 0.25;
/** Score lost per second of shift, relative to the whole window: only decides between near-equal scores. */
const SMALL_SHIFT_PRIOR = 0.002;
/** Local average taken off the onset strength: about a beat. */
const LOCAL_MEAN_SECONDS = 0.5;

export function suggestOffset(a: TakeSignal, b: TakeSignal, { maxShiftSeconds = 30, candidates = 3 }: SuggestOptions = {}): OffsetSuggestion | null {
  if (a.frameRate <= 0 || b.frameRate <= 0) return null;
  const rate = Math.min(ANALYSIS_RATE, a.frameRate, b.frameRate);
  const oa = onsetStrength(resampleEnvelope(a.envelope, a.frameRate, rate), rate);
  const ob = onsetStrength(resampleEnvelope(b.envelope, b.frameRate, rate), rate);
  if (oa.length < 4 || ob.length < 4) return null;
  const scores = scoreShifts(oa, ob, Math.round(maxShiftSeconds * rate));
  if (!scores) return null;
  const { lags, r } = scores;
  const adjusted = r.map((v, i) => (Number.isNaN(v) ? Number.NaN : v - SMALL_SHIFT_PRIOR * Math.abs(lags[i]!) / rate));

  // Local maxima, best first, each a distinct answer.
  const peaks: number[] = [];
  for (let i = 0; i < adjusted.length; i++) {
    const v = adjusted[i]!;
    if (Number.isNaN(v)) continue;
    const left = adjusted[i - 1];
    const right = adjusted[i + 1];
    if ((left === undefined || Number.isNaN(left) || v >= left) && (right === undefined || Number.isNaN(right) || v >= right)) peaks.push(i);
  }
  peaks.sort((x, y) => adjusted[y]! - adjusted[x]! || Math.abs(lags[x]!) - Math.abs(lags[y]!));
  const separation = MIN_SEPARATION_SECONDS * rate;
  const chosen: number[] = [];
  for (const i of peaks) {
    if (chosen.some((c) => Math.abs(lags[c]! - lags[i]!) < separation)) continue;
    chosen.push(i);
    // The runner-up is needed for the confidence even when one candidate is asked for.
    if (chosen.length >= Math.max(2, candidates)) break;
  }
  const best = chosen[0];
  if (best === undefined || !(r[best]! > 0)) return null;

  const runnerUp = chosen[1];
  // How much of the way from the runner-up to a perfect match the best one goes.
  const confidence = runnerUp === undefined ? 1 : Math.max(0, Math.min(1, (adjusted[best]! - adjusted[runnerUp]!) / Math.max(1e-9, 1 - adjusted[runnerUp]!)));
  const found = chosen.slice(0, Math.max(1, candidates)).map((i) => ({ seconds: round((lags[i]! + subFrame(r, i)) / rate), score: round(r[i]!) }));
  return { seconds: found[0]!.seconds, confidence: round(confidence), candidates: found };
}

/** Resamples an envelope of `fromRate` frames a second to `toRate`, keeping each window's peak. */
export function resampleEnvelope(values: number[], fromRate: number, toRate: number): number[] {
  if (fromRate <= 0 || toRate <= 0) return [];
  if (fromRate === toRate) return values.slice();
  const ratio = fromRate / toRate;
  const length = Math.floor(values.length / ratio);
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    let peak = 0;
    const start = Math.floor(i * ratio);
    // Upsampling: a window may fall inside one source frame.
    const end = Math.max(start + 1, Math.min(values.length, Math.floor((i + 1) * ratio)));
    for (let j = start; j < end; j++) peak = Math.max(peak, values[j] ?? 0);
    out[i] = peak;
  }
  return out;
}

/** Spectral flux on one band: the rises of the log loudness, less their local average, never below zero. */
export function onsetStrength(envelope: number[], frameRate: number): number[] {
  const n = envelope.length;
  const log = envelope.map((v) => Math.log1p(100 * Math.max(0, v)));
  const flux = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) flux[i] = Math.max(0, log[i]! - log[i - 1]!);
  const half = Math.max(1, Math.round((LOCAL_MEAN_SECONDS * frameRate) / 2));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + flux[i]!;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    out[i] = Math.max(0, flux[i]! - (prefix[hi]! - prefix[lo]!) / (hi - lo));
  }
  // A three-frame smoothing: hits played a few milliseconds apart still meet.
  return out.map((v, i) => 0.25 * (out[i - 1] ?? v) + 0.5 * v + 0.25 * (out[i + 1] ?? v));
}

/**
 * Pearson's r of a[i] against b[i + lag] over their overlap, for every lag in
 * ±maxLag (NaN where the overlap is under half the shorter signal or flat).
 */
function scoreShifts(a: number[], b: number[], maxLag: number): { lags: number[]; r: number[] } | null {
  const na = a.length;
  const nb = b.length;
  const limit = Math.min(maxLag, Math.max(na, nb) - 1);
  const minOverlap = Math.max(4, Math.floor(Math.min(na, nb) / 2));
  const pa = prefixSums(a);
  const pb = prefixSums(b);
  const lags: number[] = [];
  const r: number[] = [];
  let any = false;
  for (let lag = -limit; lag <= limit; lag++) {
    lags.push(lag);
    const from = Math.max(0, -lag);
    const to = Math.min(na, nb - lag);
    const n = to - from;
    if (n < minOverlap) {
      r.push(Number.NaN);
      continue;
    }
    let sab = 0;
    for (let i = from; i < to; i++) sab += a[i]! * b[i + lag]!;
    const sa = pa.sum[to]! - pa.sum[from]!;
    const sb = pb.sum[to + lag]! - pb.sum[from + lag]!;
    const saa = pa.squares[to]! - pa.squares[from]!;
    const sbb = pb.squares[to + lag]! - pb.squares[from + lag]!;
    const va = saa - (sa * sa) / n;
    const vb = sbb - (sb * sb) / n;
    if (va <= 1e-12 * n || vb <= 1e-12 * n) {
      r.push(Number.NaN);
      continue;
    }
    r.push((sab - (sa * sb) / n) / Math.sqrt(va * vb));
    any = true;
  }
  return any ? { lags, r } : null;
}

function prefixSums(values: number[]) {
  const sum = new Float64Array(values.length + 1);
  const squares = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) {
    sum[i + 1] = sum[i]! + values[i]!;
    squares[i + 1] = squares[i]! + values[i]! * values[i]!;
  }
  return { sum, squares };
}

/** Where between frames the peak at i lies (a parabola through it and its neighbours), -0.5..0.5. */
function subFrame(r: number[], i: number): number {
  const left = r[i - 1];
  const right = r[i + 1];
  const mid = r[i]!;
  if (left === undefined || right === undefined || Number.isNaN(left) || Number.isNaN(right)) return 0;
  const curve = left - 2 * mid + right;
  if (curve >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curve));
}

/** The confidence in words, for the align panel. */
export function confidenceWording(confidence: number): { level: "high" | "medium" | "low"; words: string } {
  if (confidence >= 0.3) return { level: "high", words: "a clear match" };
  if (confidence >= 0.1) return { level: "medium", words: "a likely match: check by ear" };
  return { level: "low", words: "unsure: other places match nearly as well (a repeating part?); try them" };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
