import { describe, expect, it } from "vitest";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import { PROCESS_LONG_TAKE_QUEUE, PROCESS_TAKE_QUEUE, processQueueFor } from "./queues";

const queueOf = (durationSeconds: number | null, sizeBytes: number) => processQueueFor(processingTimeLimitSeconds({ durationSeconds, sizeBytes }));

describe("processQueueFor", () => {
  it("puts takes of up to ten minutes in the short line, longer ones in the long line", () => {
    expect(queueOf(180, 40_000_000)).toBe(PROCESS_TAKE_QUEUE);
    expect(queueOf(600, 100_000_000)).toBe(PROCESS_TAKE_QUEUE);
    expect(queueOf(601, 100_000_000)).toBe(PROCESS_LONG_TAKE_QUEUE);
    expect(queueOf(3600, 80_000_000)).toBe(PROCESS_LONG_TAKE_QUEUE);
  });

  it("judges a take without a duration by its size (128 kb/s), and a header's claim never past its bytes", () => {
    expect(queueOf(null, 5_000_000)).toBe(PROCESS_TAKE_QUEUE);
    expect(queueOf(null, 16_000 * 700)).toBe(PROCESS_LONG_TAKE_QUEUE);
    // 100 KB that says it is an hour holds at most 133 s of audio.
    expect(queueOf(3600, 100_000)).toBe(PROCESS_TAKE_QUEUE);
  });
});
