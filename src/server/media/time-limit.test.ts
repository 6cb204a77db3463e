import { describe, expect, it } from "vitest";
import { processingTimeLimitSeconds } from "./time-limit";

describe("processingTimeLimitSeconds", () => {
  it("follows an honest duration: a minute plus half of it", () => {
    expect(processingTimeLimitSeconds({ durationSeconds: 600, sizeBytes: 100_000_000 })).toBe(360);
  });

  it("stands in the size at 128 kb/s when no duration is known", () => {
    expect(processingTimeLimitSeconds({ durationSeconds: null, sizeBytes: 16_000 * 100 })).toBe(110);
  });

  it("never lets a header's claim buy a small file more time than its bytes can hold", () => {
    // 10 KB that says it is an hour: at most 10240 / 750 = 13.7 s of audio.
    expect(processingTimeLimitSeconds({ durationSeconds: 3600, sizeBytes: 10_240 })).toBe(67);
  });
});
