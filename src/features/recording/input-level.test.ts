import { describe, expect, it } from "vitest";
import { inputLevel, levelWords } from "./input-level";

const sine = (amplitude: number, n = 4_800) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000));

describe("inputLevel", () => {
  it("is 0 for silence and nothing", () => {
    expect(inputLevel(new Float32Array(1024))).toBe(0);
    expect(inputLevel([])).toBe(0);
  });

  it("rises with loudness on a decibel scale", () => {
    // A full-scale sine is -3 dBFS RMS; each halving of amplitude is about -6 dB (0.1 of the scale).
    const full = inputLevel(sine(1));
    const half = inputLevel(sine(0.5));
    expect(full).toBeCloseTo(0.95, 2);
    expect(full - half).toBeCloseTo(0.1, 2);
    expect(inputLevel(sine(0.0001))).toBe(0);
  });

  it("never goes past 1", () => {
    expect(inputLevel(new Float32Array(16).fill(2))).toBe(1);
  });
});

describe("levelWords", () => {
  it("names the level", () => {
    expect([0, 0.3, 0.7, 0.95].map(levelWords)).toEqual(["silent or very quiet", "quiet", "good", "very loud, may distort"]);
  });
});
