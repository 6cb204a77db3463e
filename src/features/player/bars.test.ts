import { describe, expect, it } from "vitest";
import { barAt, barLabelStep, barRange, barsCovering, barStart, labelledBars, nearestBar, nearestBeat, showBeatGrid, snapLoop, type BeatGrid } from "./bars";

/** 4/4 at `bpm`, `bars` bars, the first downbeat at `first`. */
function steady(bpm: number, bars: number, first = 0): BeatGrid {
  const beat = 60 / bpm;
  const beats = Array.from({ length: bars * 4 }, (_, i) => first + i * beat);
  return { beats, downbeats: beats.filter((_, i) => i % 4 === 0) };
}

// 120 bpm: a beat is 0.5 s, a bar 2 s. The music starts 3.1 s into the take.
const late = steady(120, 8, 3.1);

// A band that speeds up: beats at 0.6 s, then 0.5 s, then 0.4 s apart.
const rushing: BeatGrid = {
  beats: [1, 1.6, 2.2, 2.8, 3.4, 3.9, 4.4, 4.9, 5.4, 5.8, 6.2, 6.6],
  downbeats: [1, 3.4, 5.4],
};

describe("barAt and barStart", () => {
  it("numbers bars from 1 at the first downbeat; music that starts late has a bar 0 before it", () => {
    expect(barAt(late, 0)).toBe(0);
    expect(barAt(late, 3.09)).toBe(0);
    expect(barAt(late, 3.1)).toBe(1);
    expect(barAt(late, 5.09)).toBe(1);
    expect(barAt(late, 5.1)).toBe(2);
    expect(barAt(late, 999)).toBe(8);
    expect(barStart(late, 1)).toBe(3.1);
    expect(barStart(late, 5)).toBeCloseTo(11.1, 9);
  });

  it("follows irregular bar lengths", () => {
    expect(barAt(rushing, 3.3)).toBe(1);
    expect(barAt(rushing, 3.4)).toBe(2);
    expect(barAt(rushing, 6)).toBe(3);
    expect(barStart(rushing, 3)).toBe(5.4);
  });

  it("has no bar 0, no fractional bar and none past the last", () => {
    expect(barStart(late, 0)).toBeNull();
    expect(barStart(late, 2.5)).toBeNull();
    expect(barStart(late, 9)).toBeNull();
    expect(barAt({ beats: [], downbeats: [] }, 4)).toBe(0);
  });
});

describe("barRange", () => {
  it("runs to the next downbeat; the last bar is as long as the one before it, within the take", () => {
    expect(barRange(rushing, 1)).toEqual({ start: 1, end: 3.4 });
    expect(barRange(rushing, 2)).toEqual({ start: 3.4, end: 5.4 });
    expect(barRange(rushing, 3)).toEqual({ start: 5.4, end: 7.4 });
    expect(barRange(rushing, 3, 7)).toEqual({ start: 5.4, end: 7 });
    expect(barRange(rushing, 4)).toBeNull();
  });
});

describe("nearestBeat and nearestBar", () => {
  it("picks the closer one, the earlier on a tie, and the first before the music starts", () => {
    expect(nearestBeat(late, 3.3)).toBe(3.1);
    expect(nearestBeat(late, 3.4)).toBe(3.6);
    expect(nearestBeat(late, 3.35)).toBe(3.1);
    expect(nearestBeat(late, 0)).toBe(3.1);
    expect(nearestBar(rushing, 4.3)).toBe(3.4);
    expect(nearestBar(rushing, 4.5)).toBe(5.4);
    expect(nearestBar(rushing, 100)).toBe(5.4);
    expect(nearestBeat({ beats: [], downbeats: [] }, 1)).toBeNull();
  });
});

describe("barsCovering", () => {
  it("widens a passage to the whole bars it touches", () => {
    // 6.0 is in bar 2 (5.1-7.1), 8.0 in bar 3 (7.1-9.1).
    const covered = barsCovering(late, 6, 8)!;
    expect(covered.firstBar).toBe(2);
    expect(covered.lastBar).toBe(3);
    expect(covered.start).toBeCloseTo(5.1, 9);
    expect(covered.end).toBeCloseTo(9.1, 9);
  });

  it("keeps an end that is already on a downbeat, and widens music before bar 1 to bar 1", () => {
    const onBar = barsCovering(late, 5.1, 9.1)!;
    expect([onBar.firstBar, onBar.lastBar]).toEqual([2, 3]);
    const early = barsCovering(late, 1, 4)!;
    expect(early).toMatchObject({ start: 3.1, firstBar: 1, lastBar: 1 });
    expect(early.end).toBeCloseTo(5.1, 9);
  });

  it("covers irregular bars and stops at the take's end", () => {
    expect(barsCovering(rushing, 2, 6, 7)).toEqual({ start: 1, end: 7, firstBar: 1, lastBar: 3 });
    expect(barsCovering({ beats: [], downbeats: [] }, 1, 2)).toBeNull();
    expect(barsCovering(rushing, 3, 2)).toBeNull();
  });
});

describe("snapLoop", () => {
  it("snaps both edges to the nearest bars", () => {
    const loop = snapLoop(late, 5.5, 10.6, "bar");
    expect(loop.start).toBeCloseTo(5.1, 9);
    expect(loop.end).toBeCloseTo(11.1, 9);
  });

  it("snaps to beats", () => {
    const loop = snapLoop(rushing, 2.1, 4.7, "beat");
    expect(loop).toEqual({ start: 2.2, end: 4.9 });
  });

  it("keeps at least one bar when both edges would land on the same bar", () => {
    expect(snapLoop(rushing, 3.3, 3.8, "bar")).toEqual({ start: 3.4, end: 5.4 });
    // After the last downbeat: one bar of the last bar's length, within the take.
    expect(snapLoop(rushing, 5.5, 5.9, "bar", 7)).toEqual({ start: 5.4, end: 7 });
  });

  it("leaves the loop as dragged when snapping is off or the take has no grid", () => {
    expect(snapLoop(late, 5.5, 10.6, "off")).toEqual({ start: 5.5, end: 10.6 });
    expect(snapLoop({ beats: [], downbeats: [] }, 5.5, 10.6, "bar")).toEqual({ start: 5.5, end: 10.6 });
  });
});

describe("bar numbers and the beat grid on screen", () => {
  it("numbers every bar when there is room and thins out by doubling when bars are narrow", () => {
    // A bar is 2 s: at 20 px/s it is 40 px wide, at 10 px/s 20 px, at 2 px/s 4 px.
    expect(barLabelStep(late, 20)).toBe(1);
    expect(barLabelStep(late, 10)).toBe(2);
    expect(barLabelStep(late, 2)).toBe(8);
    expect(labelledBars(late, 4).map((b) => b.bar)).toEqual([1, 5]);
    expect(labelledBars(late, 1)).toHaveLength(8);
  });

  it("draws the beat grid only when beats are far enough apart", () => {
    // A beat is 0.5 s: 5 px at 10 px/s, 30 px at 60 px/s.
    expect(showBeatGrid(late, 10)).toBe(false);
    expect(showBeatGrid(late, 60)).toBe(true);
    expect(showBeatGrid({ beats: [], downbeats: [] }, 300)).toBe(false);
  });
});
