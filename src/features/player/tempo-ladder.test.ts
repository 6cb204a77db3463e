import { describe, expect, it } from "vitest";
import { clampRate, ladderRate, speedAfterLadder } from "./tempo-ladder";

describe("ladderRate", () => {
  it("starts at 70% and adds 5% a pass up to full speed", () => {
    expect([0, 1, 2, 3, 5, 6, 20].map((p) => ladderRate(p))).toEqual([0.7, 0.75, 0.8, 0.85, 0.95, 1, 1]);
  });
  it("follows a configured ladder", () => {
    expect([0, 1, 2, 3].map((p) => ladderRate(p, { startRate: 0.5, stepRate: 0.1, endRate: 0.8 }))).toEqual([0.5, 0.6, 0.7, 0.8]);
  });
  it("never leaves 0.5x-2x, whatever it is given", () => {
    expect(ladderRate(0, { startRate: 0.1, stepRate: 0.05, endRate: 1 })).toBe(0.5);
    expect(ladderRate(-3)).toBe(0.7);
    expect(clampRate(5)).toBe(2);
    expect(clampRate(Number.NaN)).toBe(1);
  });
});

describe("speedAfterLadder", () => {
  it("goes back to the speed set before the ladder, else full speed", () => {
    expect(speedAfterLadder(1.25)).toBe(1.25);
    expect(speedAfterLadder(0.6)).toBe(0.6);
    expect(speedAfterLadder(null)).toBe(1);
    expect(speedAfterLadder(9)).toBe(2);
  });
});
