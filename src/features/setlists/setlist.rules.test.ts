import { describe, expect, it } from "vitest";
import {
  countdownWording,
  formatSetLength,
  gigDay,
  moveItem,
  printTypeSize,
  nextSetlist,
  playQueue,
  readinessKey,
  setLengthSummary,
  songsNotReady,
  takeForSet,
  fromDateTimeLocal,
  toDateTimeLocal,
  totalDuration,
} from "./setlist.rules";

// Local-time dates, so the calendar-day rules hold in any time zone the tests run in.
const at = (day: number, hour = 12, minute = 0) => new Date(2030, 0, day, hour, minute);

describe("takeForSet", () => {
  const older = { id: "t1", durationSeconds: 100, createdAt: at(1) };
  const newer = { id: "t2", durationSeconds: 200, createdAt: at(2) };
  it("uses the best take when there is one", () => {
    expect(takeForSet(older, [older, newer])).toEqual({ ...older, isBest: true });
  });
  it("else the latest take", () => {
    expect(takeForSet(null, [older, newer])).toEqual({ ...newer, isBest: false });
  });
  it("else nothing", () => {
    expect(takeForSet(null, [])).toBeNull();
  });
});

describe("totalDuration / formatSetLength", () => {
  it("adds known lengths and counts unknown ones", () => {
    expect(totalDuration([180.4, null, 240.3, undefined, Number.NaN, 0])).toEqual({ seconds: 421, unknown: 4 });
    expect(totalDuration([])).toEqual({ seconds: 0, unknown: 0 });
  });
  it.each([
    [0, "no length yet"],
    [20, "under a minute"],
    [45 * 60, "45 min"],
    [65 * 60, "1 h 05 min"],
    [2 * 3600 + 10 * 60 + 29, "2 h 10 min"],
  ])("%i s -> %s", (seconds, words) => {
    expect(formatSetLength(seconds)).toBe(words);
  });
});

describe("countdownWording", () => {
  it.each([
    [at(10, 23, 30), at(10, 0, 5), "today"],
    [at(11, 0, 1), at(10, 23, 59), "tomorrow"],
    [at(9, 20), at(10, 9), "yesterday"],
    [at(15), at(10), "in 5 days"],
    [at(23), at(10), "in 13 days"],
    [at(31), at(10), "in 3 weeks"],
    [at(1), at(13), "12 days ago"],
  ])("%s seen at %s: %s", (performAt, now, words) => {
    expect(countdownWording(performAt, now)).toBe(words);
  });
});

describe("moveItem", () => {
  it("moves up, down, and clamps at the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 9)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });
  it("leaves the original alone", () => {
    const list = ["a", "b"];
    moveItem(list, 0, 1);
    expect(list).toEqual(["a", "b"]);
  });
});

describe("songsNotReady", () => {
  it("lists songs that some member has not marked ready", () => {
    const ready = new Set([readinessKey("s1", "u1"), readinessKey("s1", "u2"), readinessKey("s2", "u1")]);
    expect(songsNotReady(["s1", "s2", "s3"], ["u1", "u2"], ready)).toEqual(["s2", "s3"]);
    expect(songsNotReady(["s1"], [], ready)).toEqual([]);
  });
});

describe("nextSetlist / gigDay", () => {
  it("picks the soonest from today on, ignoring past and undated sets", () => {
    const sets = [
      { id: "past", performAt: at(9) },
      { id: "undated", performAt: null },
      { id: "later", performAt: at(20) },
      { id: "tonight", performAt: at(10, 21) },
    ];
    expect(nextSetlist(sets, at(10, 22))?.id).toBe("tonight");
    expect(nextSetlist(sets, at(11))?.id).toBe("later");
    expect(nextSetlist(sets, at(21))).toBeNull();
  });
  it("names the weekday within a week, else the date", () => {
    // 2030-01-11 is a Friday.
    expect(gigDay(at(11), at(8))).toBe("Friday");
    expect(gigDay(at(10), at(10))).toBe("today");
    expect(gigDay(at(11), at(10))).toBe("tomorrow");
    expect(gigDay(at(25), at(10))).toBe("25 Jan");
  });
});

describe("datetime-local values", () => {
  it("round-trips a local date and time", () => {
    const date = at(2, 20, 5);
    expect(toDateTimeLocal(date)).toBe("2030-01-02T20:05");
    expect(fromDateTimeLocal("2030-01-02T20:05")).toEqual(date);
    expect(toDateTimeLocal(null)).toBe("");
  });
  it("empty is no date, nonsense is refused", () => {
    expect(fromDateTimeLocal("  ")).toBeNull();
    expect(fromDateTimeLocal("2030-02-30T20:00")).toBeUndefined();
    expect(fromDateTimeLocal("tomorrow")).toBeUndefined();
  });
});

describe("printTypeSize", () => {
  it("is big for short sets, smaller for long ones, never below the floor", () => {
    expect(printTypeSize(0)).toBe(2.4);
    expect(printTypeSize(8)).toBe(2.4);
    expect(printTypeSize(16)).toBe(1.5);
    expect(printTypeSize(40)).toBe(1.1);
    expect(printTypeSize(12)).toBeGreaterThan(printTypeSize(14));
  });
});

describe("setLengthSummary", () => {
  it("says the total, what it leaves out, or why there is none", () => {
    expect(setLengthSummary({ seconds: 42 * 60, unknown: 0 })).toBe("Total 42 min");
    expect(setLengthSummary({ seconds: 42 * 60, unknown: 1 })).toBe("Total 42 min, plus 1 song without a take");
    expect(setLengthSummary({ seconds: 42 * 60, unknown: 3 })).toBe("Total 42 min, plus 3 songs without a take");
    expect(setLengthSummary({ seconds: 0, unknown: 2 })).toBe("No takes yet, so no total time");
    expect(setLengthSummary({ seconds: 0, unknown: 0 })).toBe("No songs yet");
  });
});

describe("playQueue", () => {
  it("keeps the set's order and positions, skipping songs without a take", () => {
    const songs = [
      { songId: "a", title: "A", take: { versionId: "va" } },
      { songId: "b", title: "B", take: null },
      { songId: "c", title: "C", take: { versionId: "vc" } },
    ];
    expect(playQueue(songs)).toEqual([
      { songId: "a", title: "A", versionId: "va", position: 1 },
      { songId: "c", title: "C", versionId: "vc", position: 3 },
    ]);
    expect(playQueue([])).toEqual([]);
  });
});
