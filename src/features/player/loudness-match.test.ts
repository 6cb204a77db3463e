import { describe, expect, it } from "vitest";
import { matchedVolume } from "./loudness-match";

describe("matchedVolume", () => {
  it("turns the louder take down by the loudness difference and leaves the quieter at full volume", () => {
    expect(matchedVolume(-10, -16)).toBeCloseTo(10 ** (-6 / 20)); // about 0.501
    expect(matchedVolume(-16, -10)).toBe(1);
  });
  it("leaves equal takes alone", () => {
    expect(matchedVolume(-14, -14)).toBe(1);
  });
  it("plays at full volume when either loudness is unknown", () => {
    expect(matchedVolume(null, -14)).toBe(1);
    expect(matchedVolume(-14, undefined)).toBe(1);
  });
});
