import { describe, expect, it } from "vitest";
import { canDeleteComment, normaliseTimestamp, timestampProblem } from "./comment.rules";

describe("timestampProblem", () => {
  it("accepts times inside the take, including its very start and end", () => {
    expect(timestampProblem(0, 180)).toBeNull();
    expect(timestampProblem(90.5, 180)).toBeNull();
    expect(timestampProblem(180, 180)).toBeNull();
    expect(timestampProblem(180.3, 180)).toBeNull(); // metadata rounding slack
  });

  it("refuses negative, non-finite and past-the-end times", () => {
    expect(timestampProblem(-0.01, 180)).toMatch(/before the start/);
    expect(timestampProblem(Number.NaN, 180)).toMatch(/before the start/);
    expect(timestampProblem(Number.POSITIVE_INFINITY, null)).toMatch(/before the start/);
    expect(timestampProblem(181, 180)).toMatch(/past the end/);
  });

  it("accepts any non-negative time when the duration is unknown", () => {
    expect(timestampProblem(5000, null)).toBeNull();
    expect(timestampProblem(5000, undefined)).toBeNull();
  });
});

describe("normaliseTimestamp", () => {
  it("rounds to hundredths and never exceeds the duration", () => {
    expect(normaliseTimestamp(12.34567, 100)).toBe(12.35);
    expect(normaliseTimestamp(180.3, 180)).toBe(180);
    expect(normaliseTimestamp(7.001, null)).toBe(7);
  });
});

describe("canDeleteComment (author or admin)", () => {
  it.each([
    ["MEMBER", true, true],
    ["MEMBER", false, false],
    ["ADMIN", false, true],
    ["OWNER", false, true],
    ["ADMIN", true, true],
  ] as const)("%s, author=%s -> %s", (role, isAuthor, expected) => {
    expect(canDeleteComment({ role, isAuthor })).toBe(expected);
  });
});
