import { describe, expect, it } from "vitest";
import { addSample, formatRate, formatTimeLeft, transferRate, type ProgressSample } from "./transfer-rate";

const feed = (readings: [number, number][], windowMs?: number) =>
  readings.reduce<ProgressSample[]>((kept, [at, loaded]) => addSample(kept, { at, loaded }, windowMs), []);

describe("transferRate", () => {
  it("says nothing until the samples span half a second", () => {
    expect(transferRate([], 100)).toEqual({ bytesPerSecond: null, secondsLeft: null });
    expect(transferRate(feed([[0, 0], [400, 4000]]), 100_000)).toEqual({ bytesPerSecond: null, secondsLeft: null });
  });

  it("averages the speed over the window and gives the time left at that speed", () => {
    const samples = feed([[0, 0], [1000, 10_000], [2000, 20_000]]);
    expect(transferRate(samples, 100_000)).toEqual({ bytesPerSecond: 10_000, secondsLeft: 8 });
  });

  it("follows a change of speed once the old readings leave the window", () => {
    // 10 kB/s for 10 s, then 1 kB/s for 6 s: the 5 s window only sees the slow part (plus one reading before it).
    const readings: [number, number][] = [];
    for (let s = 0; s <= 10; s++) readings.push([s * 1000, s * 10_000]);
    for (let s = 11; s <= 16; s++) readings.push([s * 1000, 100_000 + (s - 10) * 1000]);
    const rate = transferRate(feed(readings, 5000), 200_000);
    expect(rate.bytesPerSecond).toBe(1000);
    expect(rate.secondsLeft).toBe(94);
  });

  it("starts afresh when the reading goes backwards (a resumed part sent again)", () => {
    const samples = feed([[0, 0], [1000, 50_000], [2000, 40_000]]);
    expect(samples).toEqual([{ at: 2000, loaded: 40_000 }]);
    expect(transferRate(samples, 100_000).bytesPerSecond).toBeNull();
  });

  it("knows no time left while nothing moves", () => {
    expect(transferRate(feed([[0, 500], [2000, 500]]), 1000)).toEqual({ bytesPerSecond: 0, secondsLeft: null });
  });
});

describe("formatting", () => {
  it("reads speeds and times left", () => {
    expect(formatRate(1.5 * 1024 * 1024)).toBe("1.5 MB/s");
    expect(formatRate(320 * 1024)).toBe("320 KB/s");
    expect(formatRate(12)).toBe("12 B/s");
    expect(formatTimeLeft(12.2)).toBe("13 s left");
    expect(formatTimeLeft(190)).toBe("about 3 min left");
    expect(formatTimeLeft(3900)).toBe("about 1 h 05 min left");
  });
});
