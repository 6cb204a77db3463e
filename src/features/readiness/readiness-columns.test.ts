import { describe, expect, it } from "vitest";
import { moreToTheRight, readinessColumns } from "./readiness-columns";

describe("readinessColumns", () => {
  it("puts my column first and keeps the others in join order", () => {
    const members = [
      { userId: "a", isMe: false },
      { userId: "b", isMe: false },
      { userId: "me", isMe: true },
      { userId: "c", isMe: false },
    ];
    expect(readinessColumns(members).map((m) => m.userId)).toEqual(["me", "a", "b", "c"]);
  });
  it("leaves the order alone when I am not a column", () => {
    expect(readinessColumns([{ userId: "a", isMe: false }, { userId: "b", isMe: false }]).map((m) => m.userId)).toEqual(["a", "b"]);
  });
});

describe("moreToTheRight", () => {
  it("is true while columns are out of sight to the right", () => {
    expect(moreToTheRight({ scrollLeft: 0, clientWidth: 358, scrollWidth: 900 })).toBe(true);
    expect(moreToTheRight({ scrollLeft: 300, clientWidth: 358, scrollWidth: 900 })).toBe(true);
  });
  it("is false at the far end, when all fits, and for a pixel of rounding", () => {
    expect(moreToTheRight({ scrollLeft: 542, clientWidth: 358, scrollWidth: 900 })).toBe(false);
    expect(moreToTheRight({ scrollLeft: 0, clientWidth: 900, scrollWidth: 900 })).toBe(false);
    expect(moreToTheRight({ scrollLeft: 541.5, clientWidth: 358, scrollWidth: 900 })).toBe(false);
  });
});
