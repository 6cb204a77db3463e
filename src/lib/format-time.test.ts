import { describe, expect, it } from "vitest";
import { formatBytes, formatClock, formatRelative, spokenClock } from "./format-time";

describe("formatClock", () => {
  it.each([
    [0, "0:00"],
    [5.9, "0:05"],
    [65, "1:05"],
    [600, "10:00"],
    [3725, "1:02:05"],
    [null, "–:––"],
    [Number.NaN, "–:––"],
    [-1, "–:––"],
  ])("%s -> %s", (input, expected) => {
    expect(formatClock(input)).toBe(expected);
  });
});

describe("spokenClock", () => {
  it("names the units", () => {
    expect(spokenClock(0)).toBe("0 seconds");
    expect(spokenClock(61)).toBe("1 minute 1 second");
    expect(spokenClock(3720)).toBe("1 hour 2 minutes");
  });
});

describe("formatRelative", () => {
  const now = new Date("2030-05-10T12:00:00Z");
  it("reads like a person", () => {
    expect(formatRelative(new Date("2030-05-10T11:59:30Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2030-05-10T11:00:00Z"), now)).toBe("1 hour ago");
    expect(formatRelative(new Date("2030-05-09T12:00:00Z"), now)).toBe("yesterday");
    expect(formatRelative(new Date("2030-04-20T12:00:00Z"), now)).toBe("3 weeks ago");
  });
  it("reads the future too", () => {
    expect(formatRelative(new Date("2030-05-10T12:00:30Z"), now)).toBe("in a moment");
    expect(formatRelative(new Date("2030-05-10T14:00:00Z"), now)).toBe("in 2 hours");
    expect(formatRelative(new Date("2030-05-13T12:00:00Z"), now)).toBe("in 3 days");
  });
  it("gives the minute, not a rounding of the hour", () => {
    expect(formatRelative(new Date("2030-05-10T11:15:00Z"), now)).toBe("45 minutes ago");
  });
});

describe("formatBytes", () => {
  it("picks a unit", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(250 * 1024 * 1024)).toBe("250 MB");
  });
});
