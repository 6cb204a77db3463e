import { describe, expect, it } from "vitest";
import { elapsedMs, formatTimer, pauseClock, resumeClock, startClock } from "./recording-clock";

describe("recording clock", () => {
  it("counts only the stretches the recorder ran", () => {
    let clock = startClock(1_000);
    expect(elapsedMs(clock, 4_000)).toBe(3_000);
    clock = pauseClock(clock, 4_000);
    expect(elapsedMs(clock, 60_000)).toBe(3_000);
    clock = resumeClock(clock, 60_000);
    expect(elapsedMs(clock, 62_500)).toBe(5_500);
    clock = pauseClock(clock, 63_000);
    expect(elapsedMs(clock, 99_000)).toBe(6_000);
  });

  it("ignores a second pause or resume, and a clock that went backwards", () => {
    const paused = pauseClock(startClock(0), 1_000);
    expect(pauseClock(paused, 5_000)).toBe(paused);
    const running = resumeClock(paused, 2_000);
    expect(resumeClock(running, 3_000)).toBe(running);
    expect(elapsedMs(startClock(10_000), 9_000)).toBe(0);
  });
});

describe("formatTimer", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"],
    [7_400, "0:07"],
    [754_000, "12:34"],
    [3_723_000, "1:02:03"],
    [-5, "0:00"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatTimer(ms)).toBe(text);
  });
});
