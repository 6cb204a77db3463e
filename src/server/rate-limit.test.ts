import { describe, expect, it } from "vitest";
import { retryIn } from "./rate-limit";

describe("retryIn", () => {
  it.each([
    [1, "in 1 minute"],
    [60, "in 1 minute"],
    [61, "in 2 minutes"],
    [14 * 60 + 5, "in 15 minutes"],
    [89 * 60, "in 89 minutes"],
    [2 * 3600, "in 2 hours"],
    [23 * 3600 + 1, "in 24 hours"],
  ])("%i s -> %s", (seconds, expected) => {
    expect(retryIn(seconds)).toBe(expected);
  });
});
