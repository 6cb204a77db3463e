import { describe, expect, it } from "vitest";
import { bpmOf, chooseTempoOctave, chordLabel, chordSpans, downbeatPhase, musicKey, stitchBeats, tempoCurve, triadOfChroma } from "./music.rules";

const steady = (bpm: number, count: number, start = 0) => Array.from({ length: count }, (_, i) => start + (i * 60) / bpm);

describe("chooseTempoOctave", () => {
  it("halves a tempo above the range and doubles one below it", () => {
    expect(bpmOf(chooseTempoOctave(steady(240, 32), () => 1))).toBeCloseTo(120, 6);
    expect(bpmOf(chooseTempoOctave(steady(50, 16), () => 1))).toBeCloseTo(100, 6);
  });

  it("keeps an in-range tempo whose beats all carry the music", () => {
    expect(chooseTempoOctave(steady(120, 16), () => 1)).toHaveLength(16);
  });

  it("halves beats on the eighths (every other one weak), keeping the strong ones", () => {
    const eighths = steady(150, 32, 0.5);
    const strong = new Set(eighths.filter((_, i) => i % 2 === 1));
    const chosen = chooseTempoOctave(eighths, (t) => (strong.has(t) ? 1 : 0.2));
    expect(bpmOf(chosen)).toBeCloseTo(75, 6);
    expect(chosen.every((t) => strong.has(t))).toBe(true);
  });

  it("doubles beats on every other pulse (the midpoints as strong as the beats)", () => {
    const beats = steady(80, 16);
    const onBeat = new Set(beats);
    // Snare and kick between the tracked beats: 160 is the pulse.
    expect(bpmOf(chooseTempoOctave(beats, () => 1))).toBeCloseTo(160, 6);
    // Only hats between them: 80 stays.
    expect(bpmOf(chooseTempoOctave(beats, (t) => (onBeat.has(t) ? 1 : 0.1)))).toBeCloseTo(80, 6);
  });
});

describe("downbeatPhase", () => {
  it("picks the beat where the chord changes, the low end breaking a tie between 1 and 3", () => {
    const change = Array.from({ length: 32 }, (_, i) => (i % 4 === 2 ? 0.8 : 0.05));
    const low = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 1 : 0.3));
    expect(downbeatPhase(change, low)).toBe(2);
  });

  it("follows the low end when the harmony never changes", () => {
    const change = new Array(32).fill(0);
    const low = Array.from({ length: 32 }, (_, i) => (i % 4 === 1 ? 1 : 0.2));
    expect(downbeatPhase(change, low)).toBe(1);
  });
});

describe("tempoCurve", () => {
  it("is flat for a steady tempo and rises when the beats get closer", () => {
    const flat = tempoCurve(steady(100, 60));
    expect(flat.length).toBeGreaterThan(5);
    for (const p of flat) expect(p.bpm).toBeCloseTo(100, 1);
    const ramp: number[] = [0];
    for (let i = 1; i < 80; i++) ramp.push(ramp[i - 1]! + 60 / (90 + i * 0.5));
    const rising = tempoCurve(ramp);
    expect(rising.at(-1)!.bpm).toBeGreaterThan(rising[0]!.bpm + 20);
  });

  it("is empty with too few beats", () => {
    expect(tempoCurve([1, 2])).toEqual([]);
  });
});

describe("stitchBeats", () => {
  it("keeps each window's beats in its own part and drops a beat seen twice at a seam", () => {
    const beats = stitchBeats([
      { beats: [1, 2, 3, 4, 4.45, 5], from: 0, to: 4.5 },
      { beats: [4.4, 4.52, 5.02, 6], from: 4.5, to: 10 },
    ]);
    expect(beats).toEqual([1, 2, 3, 4, 4.45, 5.02, 6]);
  });
});

describe("chordSpans", () => {
  it("merges beats with the same chord and closes the last span at the end", () => {
    expect(chordSpans([0, 1, 2, 3], ["C", "C", "G", "G"], 4)).toEqual([
      { start: 0, end: 2, label: "C" },
      { start: 2, end: 4, label: "G" },
    ]);
  });
});

describe("triadOfChroma", () => {
  // HPCP bins start at A: index = (pitch class from C + 3) % 12.
  const chroma = (...pcs: number[]) => {
    const c = new Array<number>(12).fill(0.05);
    for (const pc of pcs) c[(pc + 3) % 12] = 1;
    return c;
  };

  it("names major and minor triads by their notes", () => {
    expect(triadOfChroma(chroma(0, 4, 7))).toBe("C");
    expect(triadOfChroma(chroma(9, 0, 4))).toBe("Am");
    expect(triadOfChroma(chroma(6, 10, 1))).toBe("F#");
  });

  it("says N for an empty chroma", () => {
    expect(triadOfChroma(new Array(12).fill(0))).toBe("N");
  });
});

describe("musicKey and chordLabel", () => {
  it("names keys as a band writes them, with a confidence within 0-1", () => {
    expect(musicKey("A#", "major", 0.8)).toEqual({ tonic: "Bb", mode: "major", label: "Bb", confidence: 0.8 });
    expect(musicKey("F#", "minor", 1.2)).toEqual({ tonic: "F#", mode: "minor", label: "F#m", confidence: 1 });
  });

  it("spells chords in the key's spelling", () => {
    expect(chordLabel("A#", musicKey("F", "major", 0.9))).toBe("Bb");
    expect(chordLabel("A#m", musicKey("F#", "major", 0.9))).toBe("A#m");
    expect(chordLabel("N", musicKey("C", "major", 0.9))).toBe("N");
  });
});

describe("bpmOf", () => {
  it("averages the intervals near the median: a missed beat does not halve it, steps of 12 ms average out", () => {
    const beats = steady(150, 40).map((t, i) => t + (i % 2 ? 0.0116 : 0));
    beats.splice(20, 1);
    expect(bpmOf(beats)).toBeCloseTo(150, 0);
  });
});
