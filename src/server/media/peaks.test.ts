import { describe, expect, it } from "vitest";
import { PeaksBuilder } from "./peaks";

/** 16-bit little-endian PCM of the given samples. */
function pcm(samples: number[]): Buffer {
  const buf = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => buf.writeInt16LE(s, i * 2));
  return buf;
}

describe("PeaksBuilder", () => {
  it("writes audiowaveform v2 JSON: 8-bit min/max pairs per pixel", () => {
    const b = new PeaksBuilder(8000, 4, 8);
    b.push(pcm([0, 25600, -25600, 256, /* next pixel */ 512, 512, -32768, 32767]));
    expect(b.finish()).toEqual({ version: 2, channels: 1, sample_rate: 8000, samples_per_pixel: 4, bits: 8, length: 2, data: [-100, 100, -128, 127] });
  });

  it("joins a sample split across two chunks", () => {
    const bytes = pcm([1000, -20000, 30000, 5]);
    const whole = new PeaksBuilder(8000, 4, 8);
    whole.push(bytes);
    const split = new PeaksBuilder(8000, 4, 8);
    split.push(bytes.subarray(0, 3));
    split.push(bytes.subarray(3, 5));
    split.push(bytes.subarray(5));
    expect(split.finish()).toEqual(whole.finish());
  });

  it("keeps a last partial pixel", () => {
    const b = new PeaksBuilder(8000, 4, 8);
    b.push(pcm([0, 0, 0, 0, 12800]));
    expect(b.finish()).toMatchObject({ length: 2, data: [0, 0, 50, 50] });
  });

  it("merges neighbours and doubles samples_per_pixel when the budget fills, never exceeding it", () => {
    const b = new PeaksBuilder(8000, 2, 4);
    // 8 pixels of 2 samples: ramps that make each pixel distinct.
    b.push(pcm([-256, 256, -512, 512, -768, 768, -1024, 1024, -1280, 1280, -1536, 1536, -1792, 1792, -2048, 2048]));
    const out = b.finish();
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out.samples_per_pixel).toBe(8);
    expect(out.length * out.samples_per_pixel).toBe(16);
    // Each pixel is the widest of the samples it covers.
    expect(out.data).toEqual([-4, 4, -8, 8]);
  });

  it("stays within budget for an hour at the default settings (about 150 KB of JSON)", () => {
    const b = new PeaksBuilder();
    const second = pcm(Array.from({ length: 16000 }, (_, i) => Math.round(Math.sin(i / 7) * 30000)));
    for (let s = 0; s < 3600; s++) b.push(second);
    const out = b.finish();
    expect(out.length).toBeLessThanOrEqual(16000);
    expect(out.length).toBeGreaterThanOrEqual(8000);
    expect(JSON.stringify(out).length).toBeLessThan(150 * 1024);
  });
});
