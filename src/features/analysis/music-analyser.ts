import { ANALYSIS_FORMAT_VERSION, type MusicAnalysis } from "@/features/analysis/analysis.schema";
import { essentia, free, type EssentiaVector } from "./essentia";
import { bpmOf, chooseTempoOctave, chordLabel, chordSpans, downbeatPhase, intervals, median, musicKey, round, stitchBeats, tempoCurve, triadOfChroma } from "./music.rules";

/** Essentia's beat tracker (BeatTrackerDegara, the one RhythmExtractor2013 runs) is built for this rate; the decoder resamples to it. */
export const ANALYSIS_SAMPLE_RATE = 44_100;

/** Audio is analysed in windows this long, overlapping by OVERLAP_SECONDS, so memory stays bounded whatever the length (30 s: 20 MB less at the peak than 60 s, for ~8% more CPU). */
export const WINDOW_SECONDS = 30;
export const OVERLAP_SECONDS = 8;

/** Chroma frames: 4096 samples (93 ms), back to back. */
const FRAME = 4096;
const HOP = 4096;

/** Onset strength on the beats over its average everywhere: below this, the "beats" are a tracker's guesses in noise. */
const PULSE_CONTRAST = 1.5;

/** Quieter than this (RMS, dBFS) is silence. */
const SILENCE_DBFS = -50;

export type AnalysisOutcome = { kind: "music"; analysis: MusicAnalysis } | { kind: "none"; reason: string };

type FrameFacts = { rms: number; flux: number; low: number };

/**
 * Understands music pushed to it as mono float samples at 44.1 kHz, a window
 * at a time: beats per window (stitched at the seams), and per 93 ms frame a
 * 12-bin chroma (HPCP), the energy change and the low end. Memory is one
 * window of samples plus about 60 bytes per frame (a few MB an hour); every
 * Essentia vector is freed as soon as it has been read.
 */
export class MusicAnalyser {
  private readonly windowSamples = WINDOW_SECONDS * ANALYSIS_SAMPLE_RATE;
  private readonly overlapSamples = OVERLAP_SECONDS * ANALYSIS_SAMPLE_RATE;
  private buffer = new Float32Array(this.windowSamples);
  private filled = 0;
  /** Absolute sample index of buffer[0]. */
  private offset = 0;
  /** The next frame to compute, as an absolute frame index (frame k starts at k * HOP). */
  private nextFrame = 0;
  private readonly beatParts: { beats: number[]; from: number; to: number }[] = [];
  private chroma: Float32Array = new Float32Array(12 * 1024);
  private readonly frames: FrameFacts[] = [];
  private previousSpectrum: Float32Array | null = null;

  push(samples: Float32Array): void {
    let read = 0;
    while (read < samples.length) {
      const n = Math.min(samples.length - read, this.windowSamples - this.filled);
      this.buffer.set(samples.subarray(read, read + n), this.filled);
      this.filled += n;
      read += n;
      if (this.filled === this.windowSamples) this.processWindow(false);
    }
  }

  /** Everything pushed, understood; a reason instead when there is no music to understand. */
  finish(): AnalysisOutcome {
    if (this.filled > 0) this.processWindow(true);
    this.buffer = new Float32Array(0);
    return this.conclude();
  }

  private processWindow(last: boolean): void {
    const first = this.offset === 0;
    const length = this.filled;
    const from = first ? 0 : this.overlapSamples / 2;
    const to = last ? length : length - this.overlapSamples / 2;
    const signal = this.buffer.subarray(0, length);
    const sr = ANALYSIS_SAMPLE_RATE;

    if (length >= sr * 2) {
      const { essentia: e } = essentia();
      const vector = e.arrayToVector(signal);
      let ticks: EssentiaVector | undefined;
      try {
        ticks = e.BeatTrackerDegara(vector, 208, 40).ticks;
        const beats = Array.from(e.vectorToArray(ticks), (t) => (this.offset + t * sr) / sr);
        this.beatParts.push({ beats, from: (this.offset + from) / sr, to: (this.offset + to) / sr });
      } finally {
        free(vector, ticks);
      }
    }

    // Frames starting in this window's own part, whole within the window (or padded at the very end).
    for (;;) {
      const start = this.nextFrame * HOP - this.offset;
      if (start >= to || (!last && start + FRAME > length)) break;
      const frame = new Float32Array(FRAME);
      frame.set(signal.subarray(start, Math.min(length, start + FRAME)));
      this.analyseFrame(frame);
      this.nextFrame++;
    }

    if (!last) {
      this.buffer.copyWithin(0, length - this.overlapSamples, length);
      this.filled = this.overlapSamples;
      this.offset += length - this.overlapSamples;
    }
  }

  private analyseFrame(samples: Float32Array): void {
    const { essentia: e } = essentia();
    const sr = ANALYSIS_SAMPLE_RATE;
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);

    const input = e.arrayToVector(samples);
    const windowed = e.Windowing(input, true, FRAME, "blackmanharris62").frame;
    const spectrumVector = e.Spectrum(windowed, FRAME).spectrum;
    const peaks = e.SpectralPeaks(spectrumVector, 0, 5000, 100, 40, "magnitude", sr);
    const hpcp = e.HPCP(peaks.frequencies, peaks.magnitudes, true, 500, 0, 5000, false, 40, false, "unitMax", 440, sr, 12).hpcp;
    const spectrum = e.vectorToArray(spectrumVector);
    const chroma = e.vectorToArray(hpcp);
    free(input, windowed, spectrumVector, peaks.frequencies, peaks.magnitudes, hpcp);

    // Bass and kick: 40-160 Hz.
    const binHz = sr / FRAME;
    let low = 0;
    for (let b = Math.ceil(40 / binHz); b <= Math.floor(160 / binHz); b++) low += spectrum[b]! * spectrum[b]!;
    let flux = 0;
    if (this.previousSpectrum) for (let b = 0; b < spectrum.length; b++) flux += Math.max(0, spectrum[b]! - this.previousSpectrum[b]!);
    this.previousSpectrum = spectrum;

    const index = this.frames.length;
    if ((index + 1) * 12 > this.chroma.length) {
      const grown = new Float32Array(this.chroma.length * 2);
      grown.set(this.chroma);
      this.chroma = grown;
    }
    this.chroma.set(chroma.length === 12 ? chroma : new Float32Array(12), index * 12);
    this.frames.push({ rms, flux, low });
  }

  private frameAt(t: number): number {
    return Math.max(0, Math.min(this.frames.length - 1, Math.round((t * ANALYSIS_SAMPLE_RATE) / HOP)));
  }

  private conclude(): AnalysisOutcome {
    const sr = ANALYSIS_SAMPLE_RATE;
    const duration = (this.frames.length * HOP) / sr;
    if (this.frames.length === 0) return { kind: "none", reason: "The take holds no audio to analyse." };
    const silence = 10 ** (SILENCE_DBFS / 20);
    const loud = quantile(this.frames.map((f) => f.rms), 0.9);
    if (loud < silence) return { kind: "none", reason: "The take is silent: there is no music to find a tempo, key or chords in." };
    const sounding = (t: number) => {
      const i = this.frameAt(t);
      for (let j = Math.max(0, i - 4); j <= Math.min(this.frames.length - 1, i + 4); j++) if (this.frames[j]!.rms >= Math.max(silence, loud * 0.03)) return true;
      return false;
    };
    const strength = (t: number) => {
      const i = this.frameAt(t);
      let best = 0;
      for (let j = Math.max(0, i - 1); j <= Math.min(this.frames.length - 1, i + 1); j++) best = Math.max(best, this.frames[j]!.flux);
      return best;
    };

    // No beats in silence: the tracker's guesses there are dropped.
    let beats = stitchBeats(this.beatParts).filter(sounding);
    beats = chooseTempoOctave(beats, strength);
    const noBeat = "No steady beat was found: this sounds like speech, noise or free playing rather than a song with a pulse.";
    if (beats.length < 8) return { kind: "none", reason: noBeat };
    // A pulse: intervals that change little from one beat to the next (a tempo may drift, not jump),
    // and beats that land on onsets well above the frames around them (a tracker finds "beats" in noise too).
    const gaps = intervals(beats);
    const typical = median(gaps);
    const steady = gaps.slice(1).filter((g, i) => Math.abs(g - gaps[i]!) <= gaps[i]! * 0.1).length / Math.max(1, gaps.length - 1);
    const contrast = mean(beats.map(strength)) / Math.max(1e-12, mean(this.frames.map((f) => f.flux)));
    if (steady < 0.6 || contrast < PULSE_CONTRAST) return { kind: "none", reason: noBeat };

    // Harmony: the chroma of sounding frames, averaged, must lean towards some notes.
    const profile = new Float32Array(12);
    let counted = 0;
    for (let i = 0; i < this.frames.length; i++) {
      if (this.frames[i]!.rms < Math.max(silence, loud * 0.03)) continue;
      for (let k = 0; k < 12; k++) profile[k]! += this.chroma[i * 12 + k]!;
      counted++;
    }
    const peak = Math.max(...profile);
    if (counted === 0 || peak <= 0) return { kind: "none", reason: noBeat };
    for (let k = 0; k < 12; k++) profile[k]! /= peak;
    const flatness = profile.reduce((s, x) => s + x, 0) / 12;
    if (flatness > 0.8) return { kind: "none", reason: "No notes were found: this sounds like noise or drums alone, with no key or chords to read." };

    const { essentia: e } = essentia();
    const meanVector = e.arrayToVector(profile);
    const found = e.Key(meanVector, 4, 12, "bgate", 0.6, false, false, false);
    free(meanVector);
    const key = musicKey(found.key, found.scale, found.strength);

    // Chords per beat: the median chroma of the frames between a beat and the next.
    const labels = beats.map((t, i) => chordLabel(triadOfChroma(this.medianChroma(t, beats[i + 1] ?? t + typical)), key));

    const beatChroma = beats.map((t, i) => this.meanChroma(t, beats[i + 1] ?? t + typical));
    const change = beatChroma.map((c, i) => (i === 0 ? 0 : 1 - cosine(c, beatChroma[i - 1]!)));
    const low = beats.map((t) => this.frames[this.frameAt(t)]!.low + (this.frames[this.frameAt(t) + 1]?.low ?? 0));
    const phase = downbeatPhase(change, low);

    const end = Math.min(duration, beats.at(-1)! + typical);
    return {
      kind: "music",
      analysis: {
        version: ANALYSIS_FORMAT_VERSION,
        bpm: round(bpmOf(beats), 2),
        tempo: tempoCurve(beats),
        beats: beats.map((t) => round(t, 3)),
        downbeats: beats.filter((_, i) => i % 4 === phase).map((t) => round(t, 3)),
        key,
        chords: chordSpans(beats, labels, end),
      },
    };
  }

  /** Per bin, the median over the frames from `from` to `to` (a strum's attack or a passing note weighs little). */
  private medianChroma(from: number, to: number): Float32Array {
    const out = new Float32Array(12);
    const a = this.frameAt(from) + 1;
    const b = Math.max(a + 1, this.frameAt(to));
    const n = Math.min(b, this.frames.length) - a;
    if (n <= 0) return out;
    const column = new Float32Array(n);
    for (let k = 0; k < 12; k++) {
      for (let i = 0; i < n; i++) column[i] = this.chroma[(a + i) * 12 + k]!;
      column.sort();
      out[k] = column[n >> 1]!;
    }
    return out;
  }

  private meanChroma(from: number, to: number): Float32Array {
    const out = new Float32Array(12);
    const a = this.frameAt(from);
    const b = Math.max(a + 1, this.frameAt(to));
    for (let i = a; i < b && i < this.frames.length; i++) for (let k = 0; k < 12; k++) out[k]! += this.chroma[i * 12 + k]!;
    return out;
  }
}

function mean(values: number[]): number {
  return values.length ? values.reduce((s, x) => s + x, 0) / values.length : 0;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < 12; k++) {
    ab += a[k]! * b[k]!;
    aa += a[k]! * a[k]!;
    bb += b[k]! * b[k]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 1;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
