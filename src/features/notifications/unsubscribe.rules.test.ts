import { describe, expect, it } from "vitest";
import { UNSUBSCRIBE_LINK_DAYS, unsubscribeLinkState, unsubscribeLinksMadeAfter } from "./unsubscribe.rules";

const day = 24 * 60 * 60 * 1000;
const made = new Date("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(made.getTime() + days * day);

describe("unsubscribeLinkState", () => {
  it("works until 90 days after its mail, then is expired", () => {
    expect(UNSUBSCRIBE_LINK_DAYS).toBe(90);
    expect(unsubscribeLinkState({ createdAt: made, usedAt: null }, at(0))).toBe("ready");
    expect(unsubscribeLinkState({ createdAt: made, usedAt: null }, new Date(at(90).getTime() - 1))).toBe("ready");
    expect(unsubscribeLinkState({ createdAt: made, usedAt: null }, at(90))).toBe("expired");
    expect(unsubscribeLinkState({ createdAt: made, usedAt: null }, at(400))).toBe("expired");
  });

  it("a used link stays used, whenever it is opened again", () => {
    expect(unsubscribeLinkState({ createdAt: made, usedAt: at(1) }, at(2))).toBe("used");
    expect(unsubscribeLinkState({ createdAt: made, usedAt: at(1) }, at(200))).toBe("used");
  });

  it("the cut-off for a claim agrees with the state", () => {
    const now = at(120);
    const cutoff = unsubscribeLinksMadeAfter(now);
    expect(unsubscribeLinkState({ createdAt: new Date(cutoff.getTime() + 1), usedAt: null }, now)).toBe("ready");
    expect(unsubscribeLinkState({ createdAt: cutoff, usedAt: null }, now)).toBe("expired");
  });
});
