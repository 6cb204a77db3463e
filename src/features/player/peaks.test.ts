import { describe, expect, it } from "vitest";
import { envelope, parseAudiowaveform, toWaveformPeaks } from "./peaks";

describe("toWaveformPeaks", () => {
  it("turns 8-bit min/max pairs into -1..1 floats and gives the span in seconds", () => {
    const json = parseAudiowaveform({ version: 2, channels: 1, sample_rate: 8000, samples_per_pixel: 400, bits: 8, length: 3, data: [-128, 127, -64, 64, 0, 0] })!;
    const peaks = toWaveformPeaks(json);
    expect(peaks.channels).toEqual([[-1, 127 / 128, -0.5, 0.5, 0, 0]]);
    expect(peaks.duration).toBeCloseTo(0.15);
  });

  it("splits interleaved channels and scales 16-bit data", () => {
    const json = parseAudiowaveform({ version: 2, channels: 2, sample_rate: 100, samples_per_pixel: 50, bits: 16, length: 1, data: [-16384, 16384, -32768, 32767] })!;
    const peaks = toWaveformPeaks(json);
    expect(peaks.channels[0]).toEqual([-0.5, 0.5]);
    expect(peaks.channels[1]![0]).toBe(-1);
    expect(peaks.duration).toBe(0.5);
  });

  it("refuses peaks whose data is not all finite numbers", () => {
    const base = { version: 2, channels: 1, sample_rate: 100, samples_per_pixel: 10, bits: 8, length: 1 };
    expect(parseAudiowaveform({ ...base, data: [-1, 1] })).not.toBeNull();
    expect(parseAudiowaveform({ ...base, data: [-1, "1"] })).toBeNull();
    expect(parseAudiowaveform({ ...base, data: [-1, null] })).toBeNull();
    expect(parseAudiowaveform({ ...base, data: "-1,1" })).toBeNull();
    expect(parseAudiowaveform({ ...base })).toBeNull();
    expect(parseAudiowaveform({ ...base, data: [-1, Infinity] })).toBeNull();
  });

  it("checks the header's fields and reads a missing channel count as one", () => {
    const base = { version: 2, channels: 1, sample_rate: 100, samples_per_pixel: 10, bits: 8, length: 1, data: [-1, 1] };
    const { channels: _, ...noChannels } = base;
    expect(parseAudiowaveform(noChannels)).toEqual(base);
    expect(parseAudiowaveform({ ...base, extra: true })).toEqual(base);
    for (const bad of [{ bits: 24 }, { channels: 0 }, { sample_rate: 0 }, { samples_per_pixel: -1 }, { length: 1.5 }, { length: -1 }, { version: "2" }]) {
      expect(parseAudiowaveform({ ...base, ...bad }), JSON.stringify(bad)).toBeNull();
    }
    expect(parseAudiowaveform(null)).toBeNull();
    expect(parseAudiowaveform([1, 2])).toBeNull();
  });

  it("ignores a truncated tail instead of reading past the data", () => {
    const json = parseAudiowaveform({ version: 2, channels: 1, sample_rate: 100, samples_per_pixel: 10, bits: 8, length: 5, data: [-1, 1, -2] })!;
    expect(toWaveformPeaks(json).channels[0]).toEqual([-1 / 128, 1 / 128]);
  });
});

describe("envelope", () => {
  it("takes the loudest absolute value across the pair and channels", () => {
    expect(envelope({ channels: [[-0.5, 0.2, 0, 0.1], [-0.1, 0.7, -0.3, 0]], duration: 1 })).toEqual([0.7, 0.3]);
  });
});
