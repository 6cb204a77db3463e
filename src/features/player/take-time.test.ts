import { describe, expect, it } from "vitest";
import { mapTimeBetweenTakes } from "./take-time";

describe("mapTimeBetweenTakes", () => {
  it("keeps the moment in the song when the takes start their music at different points", () => {
    // Take A's music starts 5 s in, take B's 2 s in: 65 s in A is 62 s in B.
    expect(mapTimeBetweenTakes(65, { offsetSeconds: 5 }, { offsetSeconds: 2 })).toBe(62);
    expect(mapTimeBetweenTakes(62, { offsetSeconds: 2 }, { offsetSeconds: 5 })).toBe(65);
  });
  it("is the identity for equal offsets", () => {
    expect(mapTimeBetweenTakes(30.5, { offsetSeconds: 0 }, { offsetSeconds: 0 })).toBe(30.5);
  });
  it("stays inside the other take", () => {
    expect(mapTimeBetweenTakes(1, { offsetSeconds: 4 }, { offsetSeconds: 0 })).toBe(0);
    expect(mapTimeBetweenTakes(100, { offsetSeconds: 0 }, { offsetSeconds: 3, durationSeconds: 90 })).toBe(90);
  });
});
