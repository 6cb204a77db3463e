import { describe, expect, it } from "vitest";
import { implausibleAudio, maxDecodedSeconds, MIN_BYTES_PER_SECOND } from "./plausible-audio";

const cd = { sampleRate: 44_100, channels: 2, durationSeconds: 180, pcmBitsPerSample: 16 };
const cdBytes = 44_100 * 2 * 2 * 180 + 44;

describe("implausibleAudio", () => {
  it("accepts real audio: CD-quality WAV, a 96 kHz 24-bit 8-channel WAV, a 6 kb/s Opus memo, unknown facts", () => {
    expect(implausibleAudio(cd, cdBytes)).toBeNull();
    expect(implausibleAudio({ sampleRate: 96_000, channels: 8, durationSeconds: 10, pcmBitsPerSample: 24 }, 96_000 * 8 * 3 * 10)).toBeNull();
    expect(implausibleAudio({ sampleRate: 48_000, channels: 1, durationSeconds: 600, pcmBitsPerSample: null }, 600 * MIN_BYTES_PER_SECOND)).toBeNull();
    expect(implausibleAudio({ sampleRate: 8_000, channels: 32, durationSeconds: null, pcmBitsPerSample: null }, 1000)).toBeNull();
    expect(implausibleAudio({ sampleRate: 384_000, channels: null, durationSeconds: null, pcmBitsPerSample: null }, 1000)).toBeNull();
    expect(implausibleAudio({ sampleRate: null, channels: null, durationSeconds: null, pcmBitsPerSample: null }, 10)).toBeNull();
  });

  it("refuses a sample rate outside 8 to 384 kHz (the 10 Hz WAV that claims 1000 seconds, 1e9 Hz)", () => {
    expect(implausibleAudio({ sampleRate: 10, channels: 1, durationSeconds: 1000, pcmBitsPerSample: 8 }, 10_044)).toMatch(/sample rate is 10 Hz; audio is recorded at 8 to 384 kHz/);
    expect(implausibleAudio({ ...cd, sampleRate: 7_999 }, cdBytes)).toMatch(/sample rate/);
    expect(implausibleAudio({ ...cd, sampleRate: 384_001 }, cdBytes)).toMatch(/sample rate/);
    expect(implausibleAudio({ ...cd, sampleRate: 1e9 }, cdBytes)).toMatch(/sample rate is 1000000 kHz/);
  });

  it("refuses more than 32 channels (65,535 in a WAV header)", () => {
    expect(implausibleAudio({ ...cd, channels: 33 }, cdBytes)).toMatch(/33 channels; at most 32/);
    expect(implausibleAudio({ ...cd, channels: 65_535 }, cdBytes)).toMatch(/65535 channels/);
  });

  it("refuses a PCM length that its bytes cannot hold, and accepts one that they do", () => {
    // Header says three minutes, the file holds one.
    expect(implausibleAudio(cd, cdBytes / 3)).toMatch(/says it is 3:00 long, but .* cannot hold that much audio/);
    expect(implausibleAudio(cd, cdBytes * 0.95)).toBeNull();
  });

  it("refuses a compressed length past 6 kb/s of its bytes (an hour from 100 KB)", () => {
    expect(implausibleAudio({ sampleRate: 44_100, channels: 2, durationSeconds: 3600, pcmBitsPerSample: null }, 100_000)).toMatch(/1:00:00 long, but 98 KB/);
  });

  it("refuses a length with no end", () => {
    expect(implausibleAudio({ ...cd, durationSeconds: Infinity }, cdBytes)).toMatch(/no end/);
  });
});

describe("maxDecodedSeconds", () => {
  it("grows with the bytes, at the lowest real bitrate", () => {
    expect(maxDecodedSeconds(750_000)).toBe(1000);
    expect(maxDecodedSeconds(0)).toBe(1);
  });
});
