/**
 * Waveform peaks in BBC audiowaveform's JSON format (version 2, 8-bit, one
 * channel: min/max pairs), the shape peaks.js and waveform-data.js read.
 *
 * Built while ffmpeg streams 16-bit mono PCM through, in constant memory: it
 * starts at a fine resolution and, whenever the pixel budget fills, merges
 * neighbouring pixels and doubles samples_per_pixel. A short take keeps the
 * fine resolution; an hour ends at about 4-8 pixels a second, detailed enough
 * to zoom to a bar, in well under 150 KB of JSON.
 */
export type AudiowaveformJson = {
  version: 2;
  channels: 1;
  sample_rate: number;
  samples_per_pixel: number;
  bits: 8;
  length: number;
  data: number[];
};

/** The decode rate for peaks: plenty for a drawing, cheap to stream. */
export const PEAKS_SAMPLE_RATE = 16_000;
/** 125 pixels a second at PEAKS_SAMPLE_RATE before any merging. */
export const PEAKS_BASE_SAMPLES_PER_PIXEL = 128;
/** At most this many pixels (even): an hour's JSON stays under ~150 KB. */
export const PEAKS_MAX_PIXELS = 16_000;

export class PeaksBuilder {
  private readonly pairs: Int8Array;
  private pixels = 0;
  private samplesPerPixel: number;
  private inPixel = 0;
  private min = 0;
  private max = 0;
  private carry: number | null = null;

  constructor(
    private readonly sampleRate = PEAKS_SAMPLE_RATE,
    baseSamplesPerPixel = PEAKS_BASE_SAMPLES_PER_PIXEL,
    private readonly maxPixels = PEAKS_MAX_PIXELS,
  ) {
    if (maxPixels < 2 || maxPixels % 2 !== 0) throw new Error("maxPixels must be even");
    this.samplesPerPixel = baseSamplesPerPixel;
    this.pairs = new Int8Array(maxPixels * 2);
  }

  /** Little-endian signed 16-bit samples; a chunk may end in the middle of one. */
  push(chunk: Uint8Array): void {
    let i = 0;
    if (this.carry !== null && chunk.length > 0) {
      this.add(((chunk[0]! << 8) | this.carry) << 16 >> 16);
      this.carry = null;
      i = 1;
    }
    const end = chunk.length - ((chunk.length - i) % 2);
    for (; i < end; i += 2) this.add(((chunk[i + 1]! << 8) | chunk[i]!) << 16 >> 16);
    if (end < chunk.length) this.carry = chunk[end]!;
  }

  private add(sample: number): void {
    if (this.inPixel === 0) {
      this.min = sample;
      this.max = sample;
    } else if (sample < this.min) {
      this.min = sample;
    } else if (sample > this.max) {
      this.max = sample;
    }
    if (++this.inPixel === this.samplesPerPixel) this.closePixel();
  }

  private closePixel(): void {
    this.pairs[this.pixels * 2] = to8Bit(this.min);
    this.pairs[this.pixels * 2 + 1] = to8Bit(this.max);
    this.pixels++;
    this.inPixel = 0;
    // Full: the next pixel starts at twice the length, after the merge.
    if (this.pixels === this.maxPixels) this.halve();
  }

  /** Merges pixel pairs: half as many pixels, each twice as long. */
  private halve(): void {
    for (let p = 0; p < this.pixels / 2; p++) {
      const a = 4 * p;
      this.pairs[2 * p] = Math.min(this.pairs[a]!, this.pairs[a + 2]!);
      this.pairs[2 * p + 1] = Math.max(this.pairs[a + 1]!, this.pairs[a + 3]!);
    }
    this.pixels /= 2;
    this.samplesPerPixel *= 2;
  }

  /** The peaks so far, with a last partial pixel if samples remain. */
  finish(): AudiowaveformJson {
    if (this.inPixel > 0) this.closePixel();
    return {
      version: 2,
      channels: 1,
      sample_rate: this.sampleRate,
      samples_per_pixel: this.samplesPerPixel,
      bits: 8,
      length: this.pixels,
      data: Array.from(this.pairs.subarray(0, this.pixels * 2)),
    };
  }
}

function to8Bit(sample: number): number {
  return Math.max(-128, Math.min(127, Math.round(sample / 256)));
}
