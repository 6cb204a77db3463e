import { describe, expect, it } from "vitest";
import { commentAtTime, commentTimeLabel, sortCommentsInTime } from "./comment-order.rules";

const at = (id: string, atSeconds: number | null, createdMinute: number, endSeconds: number | null = null) => ({
  id,
  atSeconds,
  endSeconds,
  createdAt: new Date(Date.UTC(2026, 11, 1, 12, createdMinute)),
});

describe("sortCommentsInTime", () => {
  it("orders by moment, shorter passage first at the same start, general comments last oldest first", () => {
    const list = [at("general-new", null, 9), at("late", 120, 1), at("general-old", null, 2), at("long", 10, 3, 40), at("short", 10, 4, 20), at("moment", 10, 5)];
    expect(sortCommentsInTime(list).map((c) => c.id)).toEqual(["moment", "short", "long", "late", "general-old", "general-new"]);
  });

  it("a comment at 0:00 is timed, not general", () => {
    expect(sortCommentsInTime([at("general", null, 1), at("zero", 0, 2)]).map((c) => c.id)).toEqual(["zero", "general"]);
  });
});

describe("commentTimeLabel", () => {
  const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  it("says General for a timeless comment, never 0:00", () => {
    expect(commentTimeLabel({ atSeconds: null }, clock)).toBe("General");
    expect(commentTimeLabel({ atSeconds: 0 }, clock)).toBe("0:00");
    expect(commentTimeLabel({ atSeconds: 65, endSeconds: 80 }, clock)).toBe("1:05–1:20");
  });
});

describe("commentAtTime", () => {
  const list = [at("moment", 5, 1), at("passage", 10, 2, 30), at("inner", 12, 3, 14), at("general", null, 4)];
  it("picks the latest-starting passage containing the playhead, or a moment just passed", () => {
    expect(commentAtTime(list, 6)).toBe("moment");
    expect(commentAtTime(list, 9)).toBeNull();
    expect(commentAtTime(list, 13)).toBe("inner");
    expect(commentAtTime(list, 20)).toBe("passage");
    expect(commentAtTime(list, 31)).toBeNull();
  });
});
