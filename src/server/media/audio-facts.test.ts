import { describe, expect, it } from "vitest";
import { factsFromProbe } from "./audio-facts";
import { parseEbur128Summary } from "./loudness";
import { needsRendition, renditionSampleRate } from "./rendition-plan";

const probe = (stream: Record<string, unknown>, format: Record<string, unknown> = {}) => ({
  streams: [{ codec_type: "video", codec_name: "mjpeg" }, { codec_type: "audio", ...stream }],
  format: { format_name: "wav", duration: "3.000000", ...format },
});

describe("factsFromProbe", () => {
  it("reads a mono AAC M4A as mono, lossy, no bit depth", () => {
    expect(
      factsFromProbe(probe({ codec_name: "aac", sample_rate: "44100", channels: 1, bits_per_sample: 0, bit_rate: "96585" }, { format_name: "mov,mp4,m4a,3gp,3g2,mj2" })),
    ).toEqual({ codecName: "aac", codecLabel: "AAC", container: "mov,mp4,m4a,3gp,3g2,mj2", channels: 1, sampleRate: 44100, bitDepth: null, bitrate: 96585, durationSeconds: 3 });
  });

  it("names 32-bit float and 24-bit PCM WAV", () => {
    expect(factsFromProbe(probe({ codec_name: "pcm_f32le", sample_rate: "48000", channels: 2, bits_per_sample: 32 }))).toMatchObject({
      codecLabel: "PCM 32-bit float",
      bitDepth: 32,
    });
    expect(factsFromProbe(probe({ codec_name: "pcm_s24le", channels: 2, bits_per_sample: 24, bits_per_raw_sample: "24" }))).toMatchObject({
      codecLabel: "PCM 24-bit",
      bitDepth: 24,
    });
  });

  it("takes FLAC's depth from bits_per_raw_sample and falls back to the container's bitrate and duration", () => {
    expect(factsFromProbe(probe({ codec_name: "flac", bits_per_sample: 0, bits_per_raw_sample: "24" }, { format_name: "flac", bit_rate: "415330", duration: "3.5" }))).toMatchObject({
      codecLabel: "FLAC",
      bitDepth: 24,
      bitrate: 415330,
      durationSeconds: 3.5,
    });
  });

  it("is null without an audio stream", () => {
    expect(factsFromProbe({ streams: [{ codec_type: "video", codec_name: "h264" }] })).toBeNull();
    expect(factsFromProbe(null)).toBeNull();
  });
});

describe("needsRendition", () => {
  it.each([
    ["mp3", "mp3", 192_000, false],
    ["aac", "mov,mp4,m4a,3gp,3g2,mj2", 256_000, false],
    ["mp3", "mp3", 320_000, false],
    ["aac", "mov,mp4,m4a,3gp,3g2,mj2", 1_000_000, true],
    ["mp3", "mp3", null, true],
    ["pcm_s16le", "wav", 1_411_200, true],
    ["pcm_s16be", "aiff", 1_411_200, true],
    ["flac", "flac", 800_000, true],
    ["vorbis", "ogg", 128_000, true],
    ["opus", "ogg", 96_000, true],
    ["opus", "matroska,webm", 96_000, true],
    ["aac", "aac", 128_000, true],
  ] as const)("%s in %s at %s b/s: %s", (codecName, container, bitrate, expected) => {
    expect(needsRendition({ codecName, container, bitrate })).toBe(expected);
  });

  it("always for a video, even one whose sound would play everywhere as it is", () => {
    const aacInMp4 = { codecName: "aac", container: "mov,mp4,m4a,3gp,3g2,mj2", bitrate: 128_000 };
    expect(needsRendition(aacInMp4)).toBe(false);
    expect(needsRendition(aacInMp4, { isVideo: true })).toBe(true);
  });

  it("keeps the original's sample rate family", () => {
    expect(renditionSampleRate(44100)).toBe(44100);
    expect(renditionSampleRate(88200)).toBe(44100);
    expect(renditionSampleRate(48000)).toBe(48000);
    expect(renditionSampleRate(96000)).toBe(48000);
    expect(renditionSampleRate(null)).toBe(48000);
  });
});

describe("parseEbur128Summary", () => {
  const summary = (i: string, peak: string) => `[Parsed_ebur128_0 @ 0x1] t: 1.2 M: -20 S: -21\n[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         ${i} LUFS
    Threshold: -31.8 LUFS

  Loudness range:
    LRA:         0.0 LU

  True peak:
    Peak:      ${peak} dBFS
[aac @ 0x2] Qavg: 53376.957`;

  it("reads integrated loudness and true peak", () => {
    expect(parseEbur128Summary(summary("-21.8", "-0.4"))).toEqual({ integratedLufs: -21.8, truePeakDb: -0.4 });
    expect(parseEbur128Summary(summary("-9.0", "1.2"))).toEqual({ integratedLufs: -9, truePeakDb: 1.2 });
  });

  it("stores silence's -inf peak as null", () => {
    expect(parseEbur128Summary(summary("-70.0", "-inf"))).toEqual({ integratedLufs: -70, truePeakDb: null });
  });

  it("is null without a summary", () => {
    expect(parseEbur128Summary("Invalid data found when processing input")).toBeNull();
  });
});
