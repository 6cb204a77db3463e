/** The audiowaveform JSON format (version 2) the peaks route serves. */
export type Audiowaveform = {
  version: number;
  channels: number;
  sample_rate: number;
  samples_per_pixel: number;
  bits: 8 | 16;
  length: number;
  data: number[];
};

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);

/**
 * The peaks route's answer as the waveform reads it, or null when it is not
 * that format. Plain checks rather than a zod schema: the song page's player
 * parses peaks right after it hydrates, and would otherwise load zod for it
 * first. An hour of peaks is tens of thousands of numbers: one loop checks them.
 */
export function parseAudiowaveform(value: unknown): Audiowaveform | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const channels = v.channels === undefined ? 1 : v.channels;
  if (!isInteger(v.version) || !isInteger(channels) || channels < 1) return null;
  if (!isFiniteNumber(v.sample_rate) || v.sample_rate <= 0 || !isFiniteNumber(v.samples_per_pixel) || v.samples_per_pixel <= 0) return null;
  if ((v.bits !== 8 && v.bits !== 16) || !isInteger(v.length) || v.length < 0) return null;
  if (!Array.isArray(v.data) || !v.data.every(isFiniteNumber)) return null;
  return { version: v.version, channels, sample_rate: v.sample_rate, samples_per_pixel: v.samples_per_pixel, bits: v.bits, length: v.length, data: v.data };
}

/** Peaks as the waveform draws them: one array of -1..1 values per channel, min/max interleaved. */
export type WaveformPeaks = { channels: number[][]; duration: number };

/**
 * audiowaveform stores, per pixel and per channel, a (min, max) pair of signed
 * integers of `bits` bits. The waveform wants each channel as interleaved
 * min/max floats in -1..1, and the take's duration the pixels span.
 */
export function toWaveformPeaks(json: Audiowaveform): WaveformPeaks {
  const scale = json.bits === 8 ? 128 : 32768;
  const channels = Math.max(1, json.channels);
  const pixels = Math.min(json.length, Math.floor(json.data.length / (2 * channels)));
  const out: number[][] = Array.from({ length: channels }, () => new Array<number>(pixels * 2));
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) {
      const base = (p * channels + c) * 2;
      out[c]![p * 2] = clampUnit(json.data[base]! / scale);
      out[c]![p * 2 + 1] = clampUnit(json.data[base + 1]! / scale);
    }
  }
  return { channels: out, duration: (pixels * json.samples_per_pixel) / json.sample_rate };
}

/** Loudness envelope per pixel (max |amplitude| across channels), for aligning takes. */
export function envelope(peaks: WaveformPeaks): number[] {
  const first = peaks.channels[0] ?? [];
  const pixels = first.length / 2;
  const out = new Array<number>(pixels).fill(0);
  for (const ch of peaks.channels) {
    for (let p = 0; p < pixels; p++) out[p] = Math.max(out[p]!, Math.abs(ch[p * 2] ?? 0), Math.abs(ch[p * 2 + 1] ?? 0));
  }
  return out;
}

function clampUnit(v: number): number {
  return v < -1 ? -1 : v > 1 ? 1 : v;
}
