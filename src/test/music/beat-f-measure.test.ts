import { describe, expect, it } from "vitest";
import { beatFMeasure } from "./beat-f-measure";

describe("beatFMeasure", () => {
  const truth = [1, 2, 3, 4];

  it("is 1 for the same beats, and within the tolerance either side", () => {
    expect(beatFMeasure(truth, truth)).toBe(1);
    expect(beatFMeasure(truth, [1.06, 1.94, 3.05, 3.99])).toBe(1);
  });

  it("counts an estimate outside the tolerance as a miss and a false beat", () => {
    // 3 hits of 4 beats, 3 of 4 estimates right: P = R = 0.75.
    expect(beatFMeasure(truth, [1, 2, 3, 4.1])).toBeCloseTo(0.75, 10);
  });

  it("matches each estimate to one beat at most", () => {
    // Two beats 0.1 s apart and one estimate between them: one hit.
    expect(beatFMeasure([1, 1.1], [1.05])).toBeCloseTo((2 * 1 * 0.5) / 1.5, 10);
  });

  it("punishes doubled beats (precision) and halved beats (recall) alike", () => {
    const doubled = truth.flatMap((t) => [t, t + 0.5]);
    const halved = [1, 3];
    expect(beatFMeasure(truth, doubled)).toBeCloseTo(2 / 3, 10);
    expect(beatFMeasure(truth, halved)).toBeCloseTo(2 / 3, 10);
  });

  it("is 0 with nothing found, 1 when nothing was there to find", () => {
    expect(beatFMeasure(truth, [])).toBe(0);
    expect(beatFMeasure([], [1])).toBe(0);
    expect(beatFMeasure([], [])).toBe(1);
  });
});
