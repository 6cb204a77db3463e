import { describe, expect, it } from "vitest";
import { decideCallerAccess, shareLinkState } from "@/server/access/band-access";
import { canRevokeShare, DEFAULT_SHARE_DAYS, guestDisplayName, shareExpiry, shareSubject } from "./share.rules";

const now = new Date("2026-12-07T12:00:00Z");

describe("shareExpiry", () => {
  it("defaults to 30 days", () => {
    expect(shareExpiry(undefined, { role: "MEMBER", now })).toEqual({ ok: true, expiresAt: new Date(now.getTime() + DEFAULT_SHARE_DAYS * 864e5) });
  });
  it("takes any future moment, however close", () => {
    const soon = new Date(now.getTime() + 1);
    expect(shareExpiry(soon, { role: "MEMBER", now })).toEqual({ ok: true, expiresAt: soon });
  });
  it("refuses a moment that has passed, or now", () => {
    expect(shareExpiry(now, { role: "OWNER", now }).ok).toBe(false);
  });
  it("never (null) only for admins and owners", () => {
    expect(shareExpiry(null, { role: "MEMBER", now })).toMatchObject({ ok: false, problem: expect.stringMatching(/admins/) });
    expect(shareExpiry(null, { role: "ADMIN", now })).toEqual({ ok: true, expiresAt: null });
    expect(shareExpiry(null, { role: "OWNER", now })).toEqual({ ok: true, expiresAt: null });
  });
});

describe("who may revoke", () => {
  it("the creator or an admin", () => {
    expect(canRevokeShare({ role: "MEMBER", isCreator: true })).toBe(true);
    expect(canRevokeShare({ role: "MEMBER", isCreator: false })).toBe(false);
    expect(canRevokeShare({ role: "ADMIN", isCreator: false })).toBe(true);
  });
});

describe("words", () => {
  it("names what is shared and who commented", () => {
    expect(shareSubject({ kind: "take", number: 4, songTitle: "Harbour Lights" })).toBe("take 4 of Harbour Lights");
    expect(shareSubject({ kind: "setlist", name: "Friday" })).toBe("the setlist Friday");
    expect(guestDisplayName("Sam")).toBe("Sam (guest)");
  });
});

describe("a link as a caller (decideCallerAccess)", () => {
  const link = { id: "l1", bandId: "b1", revokedAt: null, expiresAt: new Date(now.getTime() + 1000), hasPassword: false };
  const decide = (facts: Partial<Parameters<typeof decideCallerAccess>[0] & { kind: "link" }>, minRole: "MEMBER" | "ADMIN" = "MEMBER") => {
    try {
      return decideCallerAccess({ kind: "link", link, unlocked: false, covers: true, ...facts }, minRole, now);
    } catch (error) {
      const e = error as { status: number; reason?: string };
      return { status: e.status, reason: e.reason ?? null };
    }
  };

  it("grants a covered take of an active link", () => {
    expect(decide({})).toEqual({ kind: "link", shareId: "l1", band: { id: "b1" } });
  });
  it("unknown or revoked: 404 SHARE_NOT_FOUND; expired: 410 SHARE_EXPIRED (revoked wins)", () => {
    expect(decide({ link: null })).toEqual({ status: 404, reason: "SHARE_NOT_FOUND" });
    expect(decide({ link: { ...link, revokedAt: now, expiresAt: now } })).toEqual({ status: 404, reason: "SHARE_NOT_FOUND" });
    expect(decide({ link: { ...link, expiresAt: now } })).toEqual({ status: 410, reason: "SHARE_EXPIRED" });
    expect(decide({ link: { ...link, expiresAt: null } })).toMatchObject({ kind: "link" });
  });
  it("a password not yet proved: 401", () => {
    expect(decide({ link: { ...link, hasPassword: true } })).toEqual({ status: 401, reason: "SHARE_PASSWORD_REQUIRED" });
    expect(decide({ link: { ...link, hasPassword: true }, unlocked: true })).toMatchObject({ kind: "link" });
  });
  it("a take it does not cover looks like no take at all; anything above listening is refused", () => {
    expect(decide({ covers: false })).toEqual({ status: 404, reason: null });
    expect(decide({}, "ADMIN")).toEqual({ status: 403, reason: "INSUFFICIENT_ROLE" });
  });
  it("states", () => {
    expect(shareLinkState({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(shareLinkState({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(shareLinkState({ revokedAt: now, expiresAt: null }, now)).toBe("revoked");
  });
});
