import { describe, expect, it } from "vitest";
import { answerBlocker, assertMayHandleInvite, emailsMatch, expiryFrom, inviteStatus, manageBlocker } from "./invite.rules";
import { generateToken, hashToken, newToken } from "./invite-token";

const now = new Date("2026-11-21T12:00:00Z");
const later = new Date(now.getTime() + 1000);
const earlier = new Date(now.getTime() - 1000);

describe("inviteStatus", () => {
  it("is EXPIRED only for a pending invite past its expiry", () => {
    expect(inviteStatus({ state: "PENDING", expiresAt: later }, now)).toBe("PENDING");
    expect(inviteStatus({ state: "PENDING", expiresAt: earlier }, now)).toBe("EXPIRED");
    expect(inviteStatus({ state: "PENDING", expiresAt: now }, now)).toBe("EXPIRED");
    expect(inviteStatus({ state: "ACCEPTED", expiresAt: earlier }, now)).toBe("ACCEPTED");
    expect(inviteStatus({ state: "DECLINED", expiresAt: earlier }, now)).toBe("DECLINED");
    expect(inviteStatus({ state: "REVOKED", expiresAt: later }, now)).toBe("REVOKED");
  });

  it("computes expiry in whole days", () => {
    expect(expiryFrom(now, 7).toISOString()).toBe("2026-11-28T12:00:00.000Z");
  });
});

describe("assertMayHandleInvite (reuses canGrantRole): one rule for create, resend and revoke", () => {
  it.each(["create", "resend", "revoke"] as const)("%s: never above the actor's own role", (action) => {
    for (const role of ["MEMBER", "ADMIN", "OWNER"] as const) expect(() => assertMayHandleInvite("OWNER", role, action)).not.toThrow();
    expect(() => assertMayHandleInvite("ADMIN", "MEMBER", action)).not.toThrow();
    expect(() => assertMayHandleInvite("ADMIN", "ADMIN", action)).not.toThrow();
    expect(() => assertMayHandleInvite("ADMIN", "OWNER", action)).toThrow(expect.objectContaining({ kind: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" }));
    expect(() => assertMayHandleInvite("MEMBER", "MEMBER", action)).toThrow(expect.objectContaining({ reason: "ROLE_NOT_ALLOWED" }));
  });
});

describe("emailsMatch", () => {
  it("compares trimmed and lower-cased on both sides", () => {
    expect(emailsMatch("Ana@Example.com", "  ana@example.COM ")).toBe(true);
    expect(emailsMatch(" ana@example.com", "ana@example.org")).toBe(false);
  });
});

describe("answerBlocker", () => {
  it("maps every state to the contract's error", () => {
    expect(answerBlocker("PENDING")).toBeNull();
    expect(answerBlocker(null)).toMatchObject({ kind: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    expect(answerBlocker("REVOKED")).toMatchObject({ kind: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    expect(answerBlocker("ACCEPTED")).toMatchObject({ kind: "CONFLICT", status: 409, reason: "INVITE_USED" });
    expect(answerBlocker("DECLINED")).toMatchObject({ kind: "CONFLICT", status: 409, reason: "INVITE_USED" });
    expect(answerBlocker("EXPIRED")).toMatchObject({ kind: "GONE", status: 410, reason: "INVITE_EXPIRED" });
  });
});

describe("manageBlocker", () => {
  it("allows resending and revoking open invites only; revoking twice is a no-op", () => {
    expect(manageBlocker("PENDING", "resend")).toBeNull();
    expect(manageBlocker("EXPIRED", "resend")).toBeNull();
    expect(manageBlocker("REVOKED", "revoke")).toBeNull();
    expect(manageBlocker("REVOKED", "resend")).toMatchObject({ reason: "INVITE_NOT_FOUND" });
    expect(manageBlocker("ACCEPTED", "revoke")).toMatchObject({ status: 409, reason: "INVITE_USED" });
    expect(manageBlocker("DECLINED", "resend")).toMatchObject({ status: 409, reason: "INVITE_USED" });
  });
});

describe("tokens", () => {
  it("carry 256 random bits as base64url and are stored only as a SHA-256 hex digest", () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    const { token: t, tokenHash } = newToken();
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashToken(t));
    expect(tokenHash).not.toContain(t);
  });
});
