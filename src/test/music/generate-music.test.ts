import { describe, expect, it } from "vitest";
import { beatTimes, generateMusic, musicTruth, musicWav, parseTriad } from "./generate-music";

describe("the test music's truth", () => {
  it("puts beats 60/BPM apart at a steady tempo, after the lead-in", () => {
    const truth = musicTruth({ bpm: 120, key: { tonic: "C", mode: "major" }, progression: ["C", "G"], bars: 3, leadInSeconds: 4 });
    expect(truth.beats).toHaveLength(12);
    truth.beats.forEach((t, i) => expect(t).toBeCloseTo(4 + i * 0.5, 9));
    expect(truth.downbeats).toEqual([truth.beats[0], truth.beats[4], truth.beats[8]]);
    expect(truth.chords.map((c) => c.label)).toEqual(["C", "G", "C"]);
    expect(truth.chords[2]!.end).toBeCloseTo(10, 9);
    expect(truth.key.label).toBe("C");
  });

  it("speeds a ramp up evenly from beat to beat: intervals shrink, the tempo rises from A to B", () => {
    const { times, bpms } = beatTimes({ bpm: 90, endBpm: 120, count: 31 });
    expect(bpms[0]).toBe(90);
    expect(bpms[30]).toBe(120);
    for (let i = 1; i < 30; i++) {
      expect(times[i + 1]! - times[i]!).toBeLessThan(times[i]! - times[i - 1]!);
      // Each interval is 60 over the tempo at its beat: 90 + i BPM.
      expect(times[i + 1]! - times[i]!).toBeCloseTo(60 / (90 + i), 9);
    }
  });

  it("names a minor key with an m", () => {
    expect(musicTruth({ bpm: 100, key: { tonic: "F#", mode: "minor" }, progression: ["F#m"], bars: 1 }).key.label).toBe("F#m");
  });

  it("reads triads and refuses anything else", () => {
    expect(parseTriad("Bb")).toEqual({ root: 10, minor: false });
    expect(parseTriad("C#m")).toEqual({ root: 1, minor: true });
    expect(() => parseTriad("G7")).toThrow();
  });
});

describe("the test music's sound", () => {
  const music = generateMusic({ bpm: 120, key: { tonic: "A", mode: "minor" }, progression: ["Am"], bars: 2, leadInSeconds: 1, sampleRate: 8000 });

  it("is silent in the lead-in and sounds from the first beat", () => {
    const sr = music.sampleRate;
    expect(music.samples.subarray(0, sr).every((s) => s === 0)).toBe(true);
    const firstBeat = music.samples.subarray(sr, sr + sr / 10);
    expect(Math.max(...firstBeat.map(Math.abs))).toBeGreaterThan(0.1);
    expect(Math.max(...music.samples.map(Math.abs))).toBeLessThanOrEqual(0.8 + 1e-6);
  });

  it("writes a WAV of the right length", () => {
    const wav = musicWav(music.samples, music.sampleRate, 2);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.length).toBe(44 + music.samples.length * 4);
  });
});
