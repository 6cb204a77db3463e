import { describe, expect, it } from "vitest";
import { groupByDay } from "./group-by-day";

// Local times (the viewer's zone), at hours far from midnight.
const at = (y: number, m: number, d: number, h = 12) => ({ createdAt: new Date(y, m - 1, d, h) });

describe("groupByDay", () => {
  it("runs of one local day, labelled today, yesterday, then by date", () => {
    const now = new Date(2026, 11, 1, 18);
    const items = [at(2026, 12, 1, 15), at(2026, 12, 1, 9), at(2026, 11, 30, 20), at(2026, 11, 28), at(2025, 12, 31)];
    const groups = groupByDay(items, now);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ["Today", 2],
      ["Yesterday", 1],
      ["Saturday 28 November", 1],
      ["Wednesday 31 December 2025", 1],
    ]);
  });

  it("nothing in, nothing out", () => {
    expect(groupByDay([], new Date())).toEqual([]);
  });
});
