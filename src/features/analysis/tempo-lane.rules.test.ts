import { describe, expect, it } from "vitest";
import { barAt, compareTempoLine, tempoFeel, tempoPassages, tempoReference, tempoSummary } from "./tempo-lane.rules";

/** Bars of 2 s (120 BPM in 4/4) from 0. */
const downbeats = Array.from({ length: 40 }, (_, i) => i * 2);

describe("the tempo reference", () => {
  it("is the sheet's tempo when there is one, else the take's own", () => {
    expect(tempoReference(120, 126)).toEqual({ bpm: 120, source: "sheet" });
    expect(tempoReference(null, 126)).toEqual({ bpm: 126, source: "take" });
    expect(tempoReference(0, 126)).toEqual({ bpm: 126, source: "take" });
  });
});

describe("rushing and dragging", () => {
  it("counts more than 2.5% away as rushing or dragging, less as steady", () => {
    expect(tempoFeel(120, 120)).toBe("steady");
    expect(tempoFeel(122.9, 120)).toBe("steady");
    expect(tempoFeel(117.1, 120)).toBe("steady");
    expect(tempoFeel(123.2, 120)).toBe("rush");
    expect(tempoFeel(116.8, 120)).toBe("drag");
  });

  it("joins neighbouring points of one feel and keeps the furthest BPM", () => {
    const points = [
      { t: 0, bpm: 120 },
      { t: 10, bpm: 125 },
      { t: 15, bpm: 128 },
      { t: 20, bpm: 121 },
      { t: 30, bpm: 112 },
    ];
    expect(tempoPassages(points, 120, 40)).toEqual([
      { feel: "steady", start: 0, end: 10, extremeBpm: 120 },
      { feel: "rush", start: 10, end: 20, extremeBpm: 128 },
      { feel: "steady", start: 20, end: 30, extremeBpm: 121 },
      { feel: "drag", start: 30, end: 40, extremeBpm: 112 },
    ]);
  });

  it("says where the band rushed and dragged, in bars", () => {
    const points = [
      { t: 0, bpm: 120 },
      { t: 32, bpm: 126 },
      { t: 40, bpm: 128 },
      { t: 48, bpm: 120 },
      { t: 60, bpm: 110 },
      { t: 62, bpm: 120 },
    ];
    expect(tempoSummary(points, 120, 80, downbeats)).toEqual(["Rushed from 120 to 128 BPM in bars 17–24", "Dragged from 120 to 110 BPM in bar 31"]);
  });

  it("says the times when the take has no bars, and nothing when it is steady", () => {
    expect(tempoSummary([{ t: 0, bpm: 120 }, { t: 30, bpm: 130 }], 120, 45, [])).toEqual(["Rushed from 120 to 130 BPM at 0:30–0:45"]);
    expect(tempoSummary([{ t: 0, bpm: 120 }, { t: 5, bpm: 121 }], 120, 10, downbeats)).toEqual([]);
  });

  it("numbers bars from the downbeats", () => {
    expect(barAt(downbeats, 0)).toBe(1);
    expect(barAt(downbeats, 1.99)).toBe(1);
    expect(barAt(downbeats, 2)).toBe(2);
    expect(barAt([1.5, 3.5], 0.5)).toBe(1);
    expect(barAt([], 10)).toBe(1);
  });
});

describe("comparing two takes", () => {
  it("says which is faster by how much, from the global BPMs", () => {
    expect(compareTempoLine({ label: "Take 5", bpm: 123.6 }, { label: "Take 3", bpm: 120 })).toBe("Take 5 is 3% faster than Take 3");
    expect(compareTempoLine({ label: "Take 2", bpm: 114 }, { label: "Take 1", bpm: 120 })).toBe("Take 2 is 5% slower than Take 1");
  });

  it("calls under 1% apart about the same tempo", () => {
    expect(compareTempoLine({ label: "Take 2", bpm: 120.9 }, { label: "Take 1", bpm: 120 })).toBe("Take 2 is about the same tempo as Take 1");
    expect(compareTempoLine({ label: "Take 2", bpm: 121.3 }, { label: "Take 1", bpm: 120 })).toBe("Take 2 is 1% faster than Take 1");
  });
});
