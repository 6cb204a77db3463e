import { describe, expect, it } from "vitest";
import { newSince, unreadSince, visitAfterOpen, VISIT_GAP_MS } from "./band-visit.rules";

const t = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, 0) + minutes * 60_000);
const joined = t(-1000);

describe("band visits", () => {
  it("a first open starts from when I joined", () => {
    expect(visitAfterOpen(null, t(0), joined)).toEqual({ seenAt: t(0), previousSeenAt: joined });
    expect(newSince(null, t(0), joined)).toEqual(joined);
    expect(unreadSince(null, joined)).toEqual(joined);
  });

  it("opens close together are one visit: what was new at its start stays marked", () => {
    const first = visitAfterOpen({ seenAt: t(-600), previousSeenAt: t(-900) }, t(0), joined);
    expect(first).toEqual({ seenAt: t(0), previousSeenAt: t(-600) });
    const again = visitAfterOpen(first, t(5), joined);
    expect(again).toEqual({ seenAt: t(5), previousSeenAt: t(-600) });
    expect(newSince(again, t(6), joined)).toEqual(t(-600));
    // Unread counts only what came after the last open.
    expect(unreadSince(again, joined)).toEqual(t(5));
  });

  it("after a gap, the next open begins a new visit from where the last one ended", () => {
    const visit = { seenAt: t(0), previousSeenAt: t(-600) };
    const later = t(VISIT_GAP_MS / 60_000 + 1);
    expect(newSince(visit, later, joined)).toEqual(t(0));
    expect(visitAfterOpen(visit, later, joined)).toEqual({ seenAt: later, previousSeenAt: t(0) });
  });
});
