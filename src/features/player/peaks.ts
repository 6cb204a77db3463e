import { z } from "zod";

/** The audiowaveform JSON format (version 2) the peaks route serves. */
export const audiowaveformSchema = z.object({
  version: z.number().int(),
  channels: z.number().int().min(1).default(1),
  sample_rate: z.number().positive(),
  samples_per_pixel: z.number().positive(),
  bits: z.union([z.literal(8), z.literal(16)]),
  length: z.number().int().nonnegative(),
  // An hour of peaks is tens of thousands of numbers: one loop checks them, where
  // z.array(z.number()) would parse (and copy) each one on a slow phone's main thread.
  data: z.custom<number[]>((value) => Array.isArray(value) && value.every((n) => typeof n === "number" && Number.isFinite(n)), "an array of numbers"),
});

export type Audiowaveform = z.infer<typeof audiowaveformSchema>;

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
