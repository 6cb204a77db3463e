import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OFFSET_SECONDS_MAX } from "@/features/takes/take.schema";
import {
  ALIGN_WINDOW_SECONDS,
  normalizeOffset,
  offsetAfterDrag,
  offsetAfterKey,
  peakLevel,
  pixelsToSeconds,
  secondsToPixels,
  spokenOffset,
  stripColumns,
  stripShiftSeconds,
} from "./align-strip";

describe("normalizeOffset", () => {
  it("rounds to a tenth and clamps to the schema's limit", () => {
    expect(normalizeOffset(2.04)).toBe(2);
    expect(normalizeOffset(2.05)).toBe(2.1);
    expect(normalizeOffset(0.1 + 0.2)).toBe(0.3);
    expect(normalizeOffset(OFFSET_SECONDS_MAX + 50)).toBe(OFFSET_SECONDS_MAX);
    expect(normalizeOffset(-OFFSET_SECONDS_MAX - 0.5)).toBe(-OFFSET_SECONDS_MAX);
    expect(normalizeOffset(Number.NaN)).toBe(0);
  });
  it("never gives -0", () => {
    expect(Object.is(normalizeOffset(-0.01), 0)).toBe(true);
  });
  it("always lands inside the limit on a tenth", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        const n = normalizeOffset(v);
        expect(Math.abs(n)).toBeLessThanOrEqual(OFFSET_SECONDS_MAX);
        expect(Math.abs(n * 10 - Math.round(n * 10))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe("pixels and seconds", () => {
  it("maps the strip's width to its window", () => {
    expect(pixelsToSeconds(400, 400)).toBe(ALIGN_WINDOW_SECONDS);
    expect(pixelsToSeconds(30, 300, 30)).toBe(3);
    expect(secondsToPixels(3, 300, 30)).toBe(30);
    expect(pixelsToSeconds(10, 0)).toBe(0);
  });
  it("round-trips", () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 500, noNaN: true }), fc.integer({ min: 1, max: 4000 }), (s, w) => {
        expect(pixelsToSeconds(secondsToPixels(s, w), w)).toBeCloseTo(s, 6);
      }),
    );
  });
});

describe("offsetAfterDrag", () => {
  it("dragging right makes the music start earlier in the file, by the dragged time", () => {
    // 400 px for 40 s: 10 px a second.
    expect(offsetAfterDrag(2, 30, 400, 40)).toBe(-1);
    expect(offsetAfterDrag(2, -30, 400, 40)).toBe(5);
    expect(offsetAfterDrag(2, 0, 400, 40)).toBe(2);
  });
  it("rounds to a tenth and clamps", () => {
    expect(offsetAfterDrag(0, -12.34, 400, 40)).toBe(1.2);
    expect(offsetAfterDrag(OFFSET_SECONDS_MAX - 1, -1_000_000, 400, 40)).toBe(OFFSET_SECONDS_MAX);
  });
  it("moves the drawn strip with the pointer", () => {
    // Where this take's content is drawn moves by exactly the drag (to rounding).
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 300 }), fc.double({ min: -20, max: 20, noNaN: true }), (dx, ref) => {
        const width = 400;
        const before = -secondsToPixels(stripShiftSeconds(2, ref), width);
        const after = -secondsToPixels(stripShiftSeconds(offsetAfterDrag(2, dx, width), ref), width);
        expect(Math.abs(after - before - dx)).toBeLessThanOrEqual(secondsToPixels(0.05, width) + 1e-9);
      }),
    );
  });
});

describe("offsetAfterKey", () => {
  it("steps a tenth, a second with Shift or Page keys, and Home goes back to the saved offset", () => {
    expect(offsetAfterKey(2, 2, { key: "ArrowRight" })).toBe(2.1);
    expect(offsetAfterKey(2, 2, { key: "ArrowUp" })).toBe(2.1);
    expect(offsetAfterKey(2, 2, { key: "ArrowLeft" })).toBe(1.9);
    expect(offsetAfterKey(2, 2, { key: "ArrowDown" })).toBe(1.9);
    expect(offsetAfterKey(2, 2, { key: "ArrowRight", shiftKey: true })).toBe(3);
    expect(offsetAfterKey(2, 2, { key: "ArrowLeft", shiftKey: true })).toBe(1);
    expect(offsetAfterKey(2, 2, { key: "PageUp" })).toBe(3);
    expect(offsetAfterKey(2, 2, { key: "PageDown" })).toBe(1);
    expect(offsetAfterKey(7.3, 2, { key: "Home" })).toBe(2);
    expect(offsetAfterKey(2, 2, { key: "a" })).toBeNull();
    expect(offsetAfterKey(2, 2, { key: "End" })).toBeNull();
  });
  it("does not drift with repeated tenths", () => {
    let v = 0;
    for (let i = 0; i < 30; i++) v = offsetAfterKey(v, 0, { key: "ArrowRight" })!;
    expect(v).toBe(3);
  });
  it("clamps at the limit", () => {
    expect(offsetAfterKey(OFFSET_SECONDS_MAX, 0, { key: "ArrowRight", shiftKey: true })).toBe(OFFSET_SECONDS_MAX);
    expect(offsetAfterKey(-OFFSET_SECONDS_MAX, 0, { key: "ArrowLeft" })).toBe(-OFFSET_SECONDS_MAX);
  });
});

describe("stripColumns", () => {
  // 10 peak pixels a second over 2 s, one channel; pixel p's max is p/20.
  const peaks = {
    duration: 2,
    channels: [Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? -(Math.floor(i / 2) / 20) : Math.floor(i / 2) / 20))],
  };
  it("takes each column's lowest and highest sample", () => {
    const cols = stripColumns(peaks, 0, 0.5, 4);
    expect(cols).toEqual([
      [-0.2, 0.2],
      [-0.45, 0.45],
      [-0.7, 0.7],
      [-0.95, 0.95],
    ]);
  });
  it("leaves columns before the start and after the end empty", () => {
    const cols = stripColumns(peaks, -1, 0.5, 8);
    expect(cols.slice(0, 2)).toEqual([null, null]);
    expect(cols[2]).toEqual([-0.2, 0.2]);
    expect(cols.slice(6)).toEqual([null, null]);
  });
  it("gives every column at least one peak when zoomed in past the peaks", () => {
    const cols = stripColumns(peaks, 0, 0.01, 20);
    expect(cols.every((c) => c !== null)).toBe(true);
    expect(cols[0]).toEqual([-0, 0]);
    expect(cols[19]).toEqual([-0.05, 0.05]);
  });
  it("is empty without peaks", () => {
    expect(stripColumns({ duration: 0, channels: [[]] }, 0, 1, 3)).toEqual([null, null, null]);
  });
});

describe("peakLevel", () => {
  it("is the loudest sample of any channel, either sign", () => {
    expect(peakLevel({ duration: 1, channels: [[-0.2, 0.1], [-0.05, 0.3]] })).toBe(0.3);
    expect(peakLevel({ duration: 1, channels: [[-0.6, 0.1]] })).toBe(0.6);
    expect(peakLevel({ duration: 0, channels: [[]] })).toBe(0);
  });
});

describe("spokenOffset", () => {
  it("says where the music starts", () => {
    expect(spokenOffset(2.3)).toBe("2.3 seconds: the music starts 2.3 seconds into the file");
    expect(spokenOffset(-1)).toBe("minus 1.0 seconds: the music started 1.0 seconds before the file");
    expect(spokenOffset(0)).toBe("0 seconds: the music starts at the start of the file");
  });
});
