import { describe, expect, it } from "vitest";
import { resampleEnvelope, suggestOffsetDifference } from "./align-takes";

// A song-like envelope: irregular bursts, so only one shift lines it up.
function song(frames: number): number[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: frames }, (_, i) => 0.2 + 0.5 * Math.abs(Math.sin(i / 7)) * random() + (i % 37 < 5 ? 0.3 : 0));
}

describe("suggestOffsetDifference", () => {
  const rate = 10;
  const music = song(600);

  it("finds how much later take B's music starts", () => {
    const a = [...new Array(20).fill(0.01), ...music];
    const b = [...new Array(55).fill(0.01), ...music];
    expect(suggestOffsetDifference(a, b, rate)).toBeCloseTo(3.5);
  });

  it("gives a negative difference when B starts earlier", () => {
    const a = [...new Array(40).fill(0.01), ...music];
    const b = music.slice(10);
    expect(suggestOffsetDifference(a, b, rate)).toBeCloseTo(-5);
  });

  it("says nothing for silence", () => {
    expect(suggestOffsetDifference(new Array(100).fill(0), music, rate)).toBeNull();
  });
});

describe("resampleEnvelope", () => {
  it("keeps the peak of each window", () => {
    expect(resampleEnvelope([0.1, 0.5, 0.2, 0.9, 0.3, 0.3], 30, 10)).toEqual([0.5, 0.9]);
  });
});
