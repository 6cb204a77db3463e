import { describe, expect, it } from "vitest";
import { audiowaveformSchema, envelope, toWaveformPeaks } from "./peaks";

describe("toWaveformPeaks", () => {
  it("turns 8-bit min/max pairs into -1..1 floats and gives the span in seconds", () => {
    const json = audiowaveformSchema.parse({ version: 2, channels: 1, sample_rate: 8000, samples_per_pixel: 400, bits: 8, length: 3, data: [-128, 127, -64, 64, 0, 0] });
    const peaks = toWaveformPeaks(json);
    expect(peaks.channels).toEqual([[-1, 127 / 128, -0.5, 0.5, 0, 0]]);
    expect(peaks.duration).toBeCloseTo(0.15);
  });

  it("splits interleaved channels and scales 16-bit data", () => {
    const json = audiowaveformSchema.parse({ version: 2, channels: 2, sample_rate: 100, samples_per_pixel: 50, bits: 16, length: 1, data: [-16384, 16384, -32768, 32767] });
    const peaks = toWaveformPeaks(json);
    expect(peaks.channels[0]).toEqual([-0.5, 0.5]);
    expect(peaks.channels[1]![0]).toBe(-1);
    expect(peaks.duration).toBe(0.5);
  });

  it("refuses peaks whose data is not all finite numbers", () => {
    const base = { version: 2, channels: 1, sample_rate: 100, samples_per_pixel: 10, bits: 8, length: 1 };
    expect(audiowaveformSchema.safeParse({ ...base, data: [-1, 1] }).success).toBe(true);
    expect(audiowaveformSchema.safeParse({ ...base, data: [-1, "1"] }).success).toBe(false);
    expect(audiowaveformSchema.safeParse({ ...base, data: [-1, null] }).success).toBe(false);
    expect(audiowaveformSchema.safeParse({ ...base, data: "-1,1" }).success).toBe(false);
    expect(audiowaveformSchema.safeParse({ ...base }).success).toBe(false);
  });

  it("ignores a truncated tail instead of reading past the data", () => {
    const json = audiowaveformSchema.parse({ version: 2, channels: 1, sample_rate: 100, samples_per_pixel: 10, bits: 8, length: 5, data: [-1, 1, -2] });
    expect(toWaveformPeaks(json).channels[0]).toEqual([-1 / 128, 1 / 128]);
  });
});

describe("envelope", () => {
  it("takes the loudest absolute value across the pair and channels", () => {
    expect(envelope({ channels: [[-0.5, 0.2, 0, 0.1], [-0.1, 0.7, -0.3, 0]], duration: 1 })).toEqual([0.7, 0.3]);
  });
});
