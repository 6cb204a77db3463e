import { describe, expect, it } from "vitest";
import { joinBlocker, joinLinkStatus } from "./join-link.rules";

const now = new Date("2026-11-21T12:00:00Z");
const later = new Date(now.getTime() + 1000);
const earlier = new Date(now.getTime() - 1000);

describe("join links", () => {
  const base = { revokedAt: null, expiresAt: later, uses: 0, maxUses: 2 };
  it("derives the status, revoked first", () => {
    expect(joinLinkStatus(base, now)).toBe("ACTIVE");
    expect(joinLinkStatus({ ...base, uses: 2 }, now)).toBe("USED_UP");
    expect(joinLinkStatus({ ...base, expiresAt: earlier, uses: 2 }, now)).toBe("EXPIRED");
    expect(joinLinkStatus({ ...base, revokedAt: earlier, expiresAt: earlier }, now)).toBe("REVOKED");
  });
  it("maps statuses to the invite reasons", () => {
    expect(joinBlocker("ACTIVE")).toBeNull();
    expect(joinBlocker(null)).toMatchObject({ status: 404, reason: "INVITE_NOT_FOUND" });
    expect(joinBlocker("REVOKED")).toMatchObject({ status: 404, reason: "INVITE_NOT_FOUND" });
    expect(joinBlocker("EXPIRED")).toMatchObject({ status: 410, reason: "INVITE_EXPIRED" });
    expect(joinBlocker("USED_UP")).toMatchObject({ status: 409, reason: "INVITE_USED" });
  });
});
