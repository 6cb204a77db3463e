import { describe, expect, it } from "vitest";
import { deliveryDelaySeconds, NOTIFY_TIMING } from "./notify-grouping.rules";

const now = new Date("2026-03-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("deliveryDelaySeconds", () => {
  it("after a quiet spell, waits only the settle time", () => {
    expect(deliveryDelaySeconds(null, now, NOTIFY_TIMING)).toBe(60);
    expect(deliveryDelaySeconds(ago(3600), now, NOTIFY_TIMING)).toBe(60);
    expect(deliveryDelaySeconds(ago(300), now, NOTIFY_TIMING)).toBe(60);
  });

  it("right after a mail, waits out the rest of the window", () => {
    expect(deliveryDelaySeconds(ago(0), now, NOTIFY_TIMING)).toBe(300);
    expect(deliveryDelaySeconds(ago(100), now, NOTIFY_TIMING)).toBe(200);
    expect(deliveryDelaySeconds(ago(239.5), now, NOTIFY_TIMING)).toBe(61);
    expect(deliveryDelaySeconds(ago(250), now, NOTIFY_TIMING)).toBe(60);
  });

  it("never less than the settle time, never negative", () => {
    expect(deliveryDelaySeconds(ago(10), now, { settleSeconds: 0, windowSeconds: 5 })).toBe(0);
    expect(deliveryDelaySeconds(null, now, { settleSeconds: -3, windowSeconds: 5 })).toBe(0);
    expect(deliveryDelaySeconds(ago(1), now, { settleSeconds: 2, windowSeconds: 10 })).toBe(9);
  });
});
