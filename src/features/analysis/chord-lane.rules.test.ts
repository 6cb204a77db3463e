import { describe, expect, it } from "vitest";
import { chordIndexAt, chordLaneMode, chordName, nowAndNext } from "./chord-lane.rules";

const spans = [
  { start: 0, end: 2, label: "N" },
  { start: 2, end: 4, label: "Am" },
  { start: 4, end: 6, label: "Am" },
  { start: 6, end: 8, label: "F" },
  { start: 8, end: 10, label: "N" },
  { start: 10, end: 12, label: "G" },
];

describe("the chord at the playhead", () => {
  it("finds the span sounding at a time, ends exclusive", () => {
    expect(chordIndexAt(spans, 0)).toBe(0);
    expect(chordIndexAt(spans, 3.9)).toBe(1);
    expect(chordIndexAt(spans, 4)).toBe(2);
    expect(chordIndexAt(spans, 11.99)).toBe(5);
    expect(chordIndexAt(spans, 12)).toBe(-1);
    expect(chordIndexAt([{ start: 1, end: 2, label: "C" }], 0.5)).toBe(-1);
    expect(chordIndexAt([], 3)).toBe(-1);
  });

  it("names the next different chord, skipping no-chord spans", () => {
    expect(nowAndNext(spans, 2.5)).toEqual({ now: spans[1], next: spans[3] });
    expect(nowAndNext(spans, 7)).toEqual({ now: spans[3], next: spans[5] });
    expect(nowAndNext(spans, 11)).toEqual({ now: spans[5], next: null });
    expect(nowAndNext([{ start: 1, end: 2, label: "C" }], 0.5)).toEqual({ now: null, next: { start: 1, end: 2, label: "C" } });
  });
});

describe("the lane's layout", () => {
  it("draws spans when they are wide enough to read, else now / next", () => {
    // Bars of 2 s: 100 px at a desktop's 50 px/s, 29 px at a phone's 14.6 px/s.
    expect(chordLaneMode(spans, 50)).toBe("spans");
    expect(chordLaneMode(spans, 14.6)).toBe("now-next");
    expect(chordLaneMode([{ start: 0, end: 9, label: "N" }], 50)).toBe("now-next");
    expect(chordLaneMode(spans, 0)).toBe("now-next");
  });
});

describe("chord names", () => {
  it("follow the song's transpose, spelled for the key", () => {
    expect(chordName("Am", 0, "C")).toBe("Am");
    expect(chordName("Am", 2, "C")).toBe("Bm");
    expect(chordName("G", 1, "C")).toBe("Ab");
    expect(chordName("N", 3, "C")).toBe("no chord");
  });
});
