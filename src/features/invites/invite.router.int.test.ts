import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { createPrismaClient } from "@/server/db/client";
import { captureLogs } from "@/server/log";
import { INVITE_LIMITS } from "./invite.rate-limits";
import { rejection } from "@/test/trpc-rejection";
import { mailsTo, TEST_APP_URL, tokenOf, useTempOutbox } from "./testing/invite-test-kit";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outbox: ReturnType<typeof useTempOutbox>;
const defaultLimits = { ...INVITE_LIMITS };

// Every log and console line written while the tests run: no token may appear in
// any of them except the outbox's own link line printed while the mail is written
// (the documented no-SMTP fallback), which is checked separately.
const consoleLines: string[] = [];
let logs: ReturnType<typeof captureLogs>;
const issuedTokens: string[] = [];
const responses: string[] = [];

beforeAll(async () => {
  outbox = useTempOutbox();
  logs = captureLogs();
  t = await createTestDatabase();
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  logs.restore();
  await t?.close();
  outbox?.cleanup();
});
beforeEach(() => Object.assign(INVITE_LIMITS, defaultLimits));
afterEach(() => Object.assign(INVITE_LIMITS, defaultLimits));

/** Records what a procedure returned, for the token-leak check at the end. */
function seen<T>(value: T): T {
  responses.push(JSON.stringify(value));
  return value;
}

async function invite(db = t.db, opts: { email?: string; role?: "MEMBER" | "ADMIN" | "OWNER"; expiresInDays?: 1 | 7 | 30 } = {}) {
  const setup = await createBandWith(db, { admin: true, member: true });
  const invitee = await createUser(db, "invitee");
  const created = await callerFor(db, setup.admin!).invite.create({ bandId: setup.band.id, email: opts.email ?? invitee.email, role: opts.role, expiresInDays: opts.expiresInDays });
  issuedTokens.push(tokenOf(created.link));
  return { ...setup, invitee, created, token: tokenOf(created.link) };
}

describe("invite.create", () => {
  it("returns the APP_URL link once, stores only the SHA-256 of a 256-bit token, emails the invitee and logs it", async () => {
    const { band, admin, invitee, created, token } = await invite();
    expect(created.link).toBe(`${TEST_APP_URL}/invite/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ emailSent: true, superseded: 0, invite: { email: invitee.email, role: "MEMBER", status: "PENDING" } });
    expect(JSON.stringify(created.invite)).not.toContain(token);

    const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * 86_400_000 - 5_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThan(7 * 86_400_000 + 5_000);

    const [mail] = await mailsTo(invitee.email);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe(`admin invited you to join ${band.name} on RehearsalHub`);
    for (const body of [mail!.text, mail!.html]) {
      expect(body).toContain(band.name);
      expect(body).toContain(created.link);
      expect(body).toMatch(/as a member/);
      expect(body).toMatch(/expires on/);
      expect(body).toMatch(/did not expect this invitation/);
    }
    expect(mail!.html).toMatch(/<a href="https:\/\/rehearsal\.example\.test\/invite\//);

    const activity = await t.db.bandActivity.findMany({ where: { bandId: band.id, type: "INVITE_CREATED" } });
    expect(activity).toEqual([expect.objectContaining({ actorId: admin!.id, targetEmail: invitee.email, toRole: "MEMBER" })]);
  });

  it("offers at most the inviter's own role: admins never invite owners, owners may", async () => {
    const { band, owner, admin } = await createBandWith(t.db, { admin: true });
    const refused = await rejection(callerFor(t.db, admin!).invite.create({ bandId: band.id, email: "boss@example.test", role: "OWNER" }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(await t.db.bandInvite.count({ where: { bandId: band.id } })).toBe(0);

    expect((await callerFor(t.db, admin!).invite.create({ bandId: band.id, email: "adm@example.test", role: "ADMIN" })).invite.role).toBe("ADMIN");
    const own = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: "co-owner@example.test", role: "OWNER" });
    issuedTokens.push(tokenOf(own.link));
    expect(own.invite.role).toBe("OWNER");
  });

  it("is for admins and owners only", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, member!).invite.create({ bandId: band.id, email: "x@example.test" }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, stranger).invite.create({ bandId: band.id, email: "x@example.test" }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, null).invite.create({ bandId: band.id, email: "x@example.test" }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.bandInvite.count({ where: { bandId: band.id } })).toBe(0);
  });

  it("accepts an expiry of 1, 7 or 30 days and rejects anything else", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    for (const days of [1, 7, 30] as const) {
      const { invite: created, link } = await api.invite.create({ bandId: band.id, email: `d${days}@example.test`, expiresInDays: days });
      issuedTokens.push(tokenOf(link));
      const span = created.expiresAt.getTime() - created.createdAt.getTime();
      expect(Math.round(span / 86_400_000)).toBe(days);
    }
    const bad = await rejection(api.invite.create({ bandId: band.id, email: "d14@example.test", expiresInDays: 14 as 7 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await rejection(api.invite.create({ bandId: band.id, email: "not-an-email" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses to invite someone who is already a member (any case) with ALREADY_MEMBER", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const refused = await rejection(callerFor(t.db, owner).invite.create({ bandId: band.id, email: `  ${member!.email.toUpperCase()} ` }));
    expect(refused).toMatchObject({ code: "CONFLICT", reason: "ALREADY_MEMBER" });
  });

  it("supersedes (revokes) an older pending invite to the same address", async () => {
    const { band, admin, invitee, token: first } = await invite();
    const again = await callerFor(t.db, admin!).invite.create({ bandId: band.id, email: invitee.email.toUpperCase(), role: "ADMIN" });
    issuedTokens.push(tokenOf(again.link));
    expect(again.superseded).toBe(1);

    const list = seen(await callerFor(t.db, admin!).invite.list({ bandId: band.id }));
    expect(list.invites.map((i) => i.status)).toEqual(["PENDING", "REVOKED"]);
    expect(await t.db.bandInvite.count({ where: { bandId: band.id, state: "PENDING" } })).toBe(1);

    const api = callerFor(t.db, invitee);
    expect(await rejection(api.invite.accept({ token: first }))).toMatchObject({ code: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    expect(seen(await api.invite.accept({ token: tokenOf(again.link) }))).toMatchObject({ bandId: band.id, role: "ADMIN" });
  });
});

describe("invite.list", () => {
  it("shows every member (not only admins) the invites with state, inviter and expiry, never a token or hash", async () => {
    const { band, member, invitee, token } = await invite();
    const list = seen(await callerFor(t.db, member!).invite.list({ bandId: band.id }));
    expect(list.grantableRoles).toEqual([]);
    expect(list.invites).toEqual([
      expect.objectContaining({ email: invitee.email, role: "MEMBER", status: "PENDING", invitedBy: expect.objectContaining({ name: "admin" }), expiresAt: expect.any(Date), createdAt: expect.any(Date) }),
    ]);
    const json = JSON.stringify(list);
    expect(json).not.toContain(token);
    expect(json).not.toMatch(/tokenHash|token/i);
    const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    expect(json).not.toContain(row.tokenHash);
  });

  it("shows each state: pending, accepted, declined, expired, revoked", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    const users = await Promise.all(["a", "b", "c", "d", "e"].map((n) => createUser(t.db, n)));
    const links: string[] = [];
    for (const u of users) links.push((await api.invite.create({ bandId: band.id, email: u.email })).link);
    issuedTokens.push(...links.map(tokenOf));
    await callerFor(t.db, users[1]!).invite.accept({ token: tokenOf(links[1]!) });
    await callerFor(t.db, users[2]!).invite.decline({ token: tokenOf(links[2]!) });
    await t.db.bandInvite.updateMany({ where: { bandId: band.id, email: users[3]!.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const toRevoke = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id, email: users[4]!.email } });
    await api.invite.revoke({ bandId: band.id, inviteId: toRevoke.id });

    const byEmail = Object.fromEntries((await api.invite.list({ bandId: band.id })).invites.map((i) => [i.email, i.status]));
    expect(users.map((u) => byEmail[u.email])).toEqual(["PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "REVOKED"]);
  });

  it("is refused to non-members", async () => {
    const { band } = await createBandWith(t.db);
    expect(await rejection(callerFor(t.db, await createUser(t.db)).invite.list({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  });
});

describe("invite.preview", () => {
  it("is public and read-only: opening the link changes nothing", async () => {
    const { band, invitee, token } = await invite();
    const before = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    const activityBefore = await t.db.bandActivity.count({ where: { bandId: band.id } });

    const anonymous = seen(await callerFor(t.db, null).invite.preview({ token }));
    expect(anonymous).toMatchObject({ band: { name: band.name, id: null }, email: invitee.email, role: "MEMBER", status: "PENDING", inviterName: "admin", viewer: null });
    const asInvitee = seen(await callerFor(t.db, invitee).invite.preview({ token }));
    expect(asInvitee.viewer).toEqual({ email: invitee.email, emailMatches: true, isMember: false });
    const other = seen(await callerFor(t.db, await createUser(t.db, "other")).invite.preview({ token }));
    expect(other.viewer?.emailMatches).toBe(false);

    const after = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    expect(after).toEqual(before);
    expect(await t.db.bandActivity.count({ where: { bandId: band.id } })).toBe(activityBefore);
    expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: invitee.id } })).toBe(0);
  });

  it("says INVITE_NOT_FOUND (404) for an unknown token, and BAD_REQUEST for one outside the token alphabet", async () => {
    for (const token of ["x".repeat(43), "nope"]) {
      expect(await rejection(callerFor(t.db, null).invite.preview({ token }))).toMatchObject({ code: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    }
    for (const token of ["../../etc", "abc\u0000", "a b"]) {
      expect(await rejection(callerFor(t.db, null).invite.preview({ token }))).toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

describe("invite.preview of an invite that is no longer open", () => {
  it("shows only the state and the band's name: no invitee or inviter address, no role, no dates", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    const users = await Promise.all(["acc", "dec", "rev", "exp"].map((n) => createUser(t.db, n)));
    const tokens: string[] = [];
    for (const u of users) tokens.push(tokenOf((await api.invite.create({ bandId: band.id, email: u.email, role: "ADMIN" })).link));
    issuedTokens.push(...tokens);
    await callerFor(t.db, users[0]!).invite.accept({ token: tokens[0]! });
    await callerFor(t.db, users[1]!).invite.decline({ token: tokens[1]! });
    const toRevoke = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id, email: users[2]!.email } });
    await api.invite.revoke({ bandId: band.id, inviteId: toRevoke.id });
    await t.db.bandInvite.updateMany({ where: { bandId: band.id, email: users[3]!.email }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const states = ["ACCEPTED", "DECLINED", "REVOKED", "EXPIRED"];
    for (const [i, token] of tokens.entries()) {
      for (const viewer of [null, await createUser(t.db, "passer-by")]) {
        const preview = seen(await callerFor(t.db, viewer).invite.preview({ token }));
        expect(preview).toMatchObject({ status: states[i], band: { name: band.name, id: null }, email: null, role: null, inviterName: null, expiresAt: null, invitedAt: null });
        const json = JSON.stringify(preview);
        for (const address of [users[i]!.email, owner.email]) expect(json).not.toContain(address);
        expect(json).not.toContain("admin");
      }
    }
    // The member who accepted still gets a way into the band.
    expect((await callerFor(t.db, users[0]!).invite.preview({ token: tokens[0]! })).viewer).toMatchObject({ email: users[0]!.email, isMember: true });
    expect((await callerFor(t.db, users[0]!).invite.preview({ token: tokens[0]! })).band.id).toBe(band.id);
  });
});

describe("invite hierarchy: create, resend and revoke follow one rule", () => {
  it("an admin can neither create, resend nor revoke an invite that offers OWNER; the owner can do all three", async () => {
    const { band, owner, admin } = await createBandWith(t.db, { admin: true });
    const created = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: "future-owner@example.test", role: "OWNER" });
    issuedTokens.push(tokenOf(created.link));
    const inviteId = created.invite.id;
    const asAdmin = callerFor(t.db, admin!);
    expect(await rejection(asAdmin.invite.create({ bandId: band.id, email: "other-owner@example.test", role: "OWNER" }))).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(await rejection(asAdmin.invite.resend({ bandId: band.id, inviteId }))).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    const revoke = await rejection(asAdmin.invite.revoke({ bandId: band.id, inviteId }));
    expect(revoke).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(revoke.message).toMatch(/owner/i);
    expect((await t.db.bandInvite.findUniqueOrThrow({ where: { id: inviteId } })).state).toBe("PENDING");
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "INVITE_REVOKED" } })).toBe(0);

    const resent = await callerFor(t.db, owner).invite.resend({ bandId: band.id, inviteId });
    issuedTokens.push(tokenOf(resent.link));
    expect((await callerFor(t.db, owner).invite.revoke({ bandId: band.id, inviteId })).status).toBe("REVOKED");
  });
});

describe("invite.accept", () => {
  it("adds the membership with the invited role, marks the invite used, logs, and notifies the admins", async () => {
    const { band, owner, admin, invitee, token } = await invite(t.db, { role: "ADMIN" });
    const result = seen(await callerFor(t.db, invitee).invite.accept({ token }));
    expect(result).toEqual({ bandId: band.id, bandName: band.name, role: "ADMIN" });

    // A member on the very next request.
    expect(seen(await callerFor(t.db, invitee).band.get({ bandId: band.id }))).toMatchObject({ myRole: "ADMIN" });
    const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    expect(row).toMatchObject({ state: "ACCEPTED", acceptedById: invitee.id, acceptedAt: expect.any(Date) });
    const types = (await t.db.bandActivity.findMany({ where: { bandId: band.id, actorId: invitee.id }, orderBy: { createdAt: "asc" } })).map((a) => a.type);
    expect(types.sort()).toEqual(["INVITE_ACCEPTED", "MEMBER_JOINED"]);

    for (const adminUser of [owner, admin!]) {
      const notices = (await mailsTo(adminUser.email)).filter((m) => m.subject.includes("joined"));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.subject).toBe(`invitee joined ${band.name}`);
      expect(notices[0]!.text).toContain(`${TEST_APP_URL}/bands/${band.id}/members`);
    }

    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token }))).toMatchObject({ code: "CONFLICT", status: 409, reason: "INVITE_USED" });
  });

  it("binds the invite to the address, compared trimmed and lower-cased on both sides", async () => {
    const { band, owner } = await createBandWith(t.db);
    const user = await t.db.user.create({ data: { email: `Mixed.Case.${Date.now()}@Example.TEST`, name: "Mixed" } });
    const created = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: `   ${user.email.toUpperCase()}  ` });
    issuedTokens.push(tokenOf(created.link));
    expect(created.invite.email).toBe(user.email.toLowerCase());
    const sessionUser = { id: user.id, email: ` ${user.email} `, name: user.name };
    expect(seen(await callerFor(t.db, sessionUser).invite.accept({ token: tokenOf(created.link) })).bandId).toBe(band.id);
  });

  it("refuses another account with EMAIL_MISMATCH (403) and changes nothing", async () => {
    const { band, token } = await invite();
    const intruder = await createUser(t.db, "intruder");
    expect(await rejection(callerFor(t.db, intruder).invite.accept({ token }))).toMatchObject({ code: "FORBIDDEN", status: 403, reason: "EMAIL_MISMATCH" });
    expect(await rejection(callerFor(t.db, intruder).invite.decline({ token }))).toMatchObject({ reason: "EMAIL_MISMATCH" });
    expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: intruder.id } })).toBe(0);
    expect((await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } })).state).toBe("PENDING");
  });

  it("says INVITE_EXPIRED (410, kind GONE) past the expiry, for accept and decline", async () => {
    const { band, invitee, token } = await invite();
    await t.db.bandInvite.updateMany({ where: { bandId: band.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const expired = await rejection(callerFor(t.db, invitee).invite.accept({ token }));
    expect(expired).toMatchObject({ code: "PRECONDITION_FAILED", status: 410, reason: "INVITE_EXPIRED" });
    expect(await rejection(callerFor(t.db, invitee).invite.decline({ token }))).toMatchObject({ status: 410, reason: "INVITE_EXPIRED" });
    expect(seen(await callerFor(t.db, null).invite.preview({ token })).status).toBe("EXPIRED");
  });

  it("says INVITE_NOT_FOUND (404) for an unknown token and for a revoked invite", async () => {
    const { band, admin, invitee, token } = await invite();
    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token: "A".repeat(43) }))).toMatchObject({ code: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    const revoked = seen(await callerFor(t.db, admin!).invite.revoke({ bandId: band.id, inviteId: row.id }));
    expect(revoked.status).toBe("REVOKED");
    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token }))).toMatchObject({ code: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    expect(seen(await callerFor(t.db, null).invite.preview({ token })).status).toBe("REVOKED");
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "INVITE_REVOKED" } })).toBe(1);
  });

  it("says ALREADY_MEMBER (409) when the invitee joined some other way", async () => {
    const { band, invitee, token } = await invite();
    await t.db.bandMember.create({ data: { bandId: band.id, userId: invitee.id, role: "MEMBER" } });
    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token }))).toMatchObject({ code: "CONFLICT", status: 409, reason: "ALREADY_MEMBER" });
    expect(seen(await callerFor(t.db, invitee).invite.preview({ token })).band.id).toBe(band.id);
  });

  it("needs a session", async () => {
    const { token } = await invite();
    expect(await rejection(callerFor(t.db, null).invite.accept({ token }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejection(callerFor(t.db, null).invite.decline({ token }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("invite.decline", () => {
  it("marks the invite declined, logs it, tells the admins, and the link is then used", async () => {
    const { band, owner, invitee, token } = await invite();
    expect(seen(await callerFor(t.db, invitee).invite.decline({ token }))).toEqual({ bandName: band.name, status: "DECLINED" });
    expect(await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } })).toMatchObject({ state: "DECLINED", declinedAt: expect.any(Date) });
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "INVITE_DECLINED" } })).toBe(1);
    expect((await mailsTo(owner.email)).filter((m) => m.subject === `invitee declined the invite to ${band.name}`)).toHaveLength(1);
    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token }))).toMatchObject({ code: "CONFLICT", reason: "INVITE_USED" });
    expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: invitee.id } })).toBe(0);
  });
});

describe("invite.resend / invite.revoke", () => {
  it("resend issues a new token (the old link dies), renews the expiry and emails again", async () => {
    const { band, admin, invitee, token: oldToken } = await invite(t.db, { expiresInDays: 1 });
    const row = await t.db.bandInvite.findFirstOrThrow({ where: { bandId: band.id } });
    await t.db.bandInvite.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const resent = await callerFor(t.db, admin!).invite.resend({ bandId: band.id, inviteId: row.id });
    const newToken = tokenOf(resent.link);
    issuedTokens.push(newToken);
    expect(newToken).not.toBe(oldToken);
    expect(resent.invite.status).toBe("PENDING");
    expect(resent.invite.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    expect(await rejection(callerFor(t.db, null).invite.preview({ token: oldToken }))).toMatchObject({ reason: "INVITE_NOT_FOUND" });
    expect(await rejection(callerFor(t.db, invitee).invite.accept({ token: oldToken }))).toMatchObject({ code: "NOT_FOUND", reason: "INVITE_NOT_FOUND" });

    const mails = await mailsTo(invitee.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain(resent.link);
    expect(mails[0]!.text).not.toContain(oldToken);
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "INVITE_RESENT" } })).toBe(1);

    expect(seen(await callerFor(t.db, invitee).invite.accept({ token: newToken })).bandId).toBe(band.id);
    expect(await rejection(callerFor(t.db, admin!).invite.resend({ bandId: band.id, inviteId: row.id }))).toMatchObject({ code: "CONFLICT", reason: "INVITE_USED" });
    expect(await rejection(callerFor(t.db, admin!).invite.revoke({ bandId: band.id, inviteId: row.id }))).toMatchObject({ code: "CONFLICT", reason: "INVITE_USED" });
  });

  it("is admin-only, scoped to the band, and admins cannot resend an owner invite; revoking twice is harmless", async () => {
    const { band, owner, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    const ownerInvite = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: "next-owner@example.test", role: "OWNER" });
    issuedTokens.push(tokenOf(ownerInvite.link));
    const inviteId = ownerInvite.invite.id;
    expect(await rejection(callerFor(t.db, member!).invite.resend({ bandId: band.id, inviteId }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, member!).invite.revoke({ bandId: band.id, inviteId }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, admin!).invite.resend({ bandId: band.id, inviteId }))).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });

    // Another band's admin cannot reach this invite through their own band id.
    const other = await createBandWith(t.db);
    expect(await rejection(callerFor(t.db, other.owner).invite.revoke({ bandId: other.band.id, inviteId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(callerFor(t.db, other.owner).invite.resend({ bandId: other.band.id, inviteId }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.bandInvite.findUniqueOrThrow({ where: { id: inviteId } })).state).toBe("PENDING");

    expect((await callerFor(t.db, owner).invite.revoke({ bandId: band.id, inviteId })).status).toBe("REVOKED");
    expect((await callerFor(t.db, owner).invite.revoke({ bandId: band.id, inviteId })).status).toBe("REVOKED");
    expect(await rejection(callerFor(t.db, owner).invite.resend({ bandId: band.id, inviteId }))).toMatchObject({ code: "NOT_FOUND", reason: "INVITE_NOT_FOUND" });
  });
});

describe("abuse limits (429 RATE_LIMITED), stored in the database", () => {
  it("caps invites per band per hour, counting create and resend, across app instances", async () => {
    INVITE_LIMITS.invitesPerBandPerHour = 3;
    const { band, owner } = await createBandWith(t.db);
    const otherInstance = createPrismaClient(t.url);
    try {
      const first = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: "r1@example.test" });
      await callerFor(otherInstance, owner).invite.create({ bandId: band.id, email: "r2@example.test" });
      await callerFor(t.db, owner).invite.resend({ bandId: band.id, inviteId: first.invite.id });
      const limited = await rejection(callerFor(otherInstance, owner).invite.create({ bandId: band.id, email: "r4@example.test" }));
      expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429, reason: "RATE_LIMITED" });
      expect(limited.message).toMatch(/Try again in \d+ minutes/);
      expect(await t.db.bandInvite.count({ where: { bandId: band.id, email: "r4@example.test" } })).toBe(0);
      const counter = await t.db.rateLimiterFlexible.findFirstOrThrow({ where: { key: { endsWith: band.id } } });
      expect(counter.points).toBe(4);
      expect(counter.expire!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

      // Another band has its own budget.
      const other = await createBandWith(t.db);
      await expect(callerFor(t.db, other.owner).invite.create({ bandId: other.band.id, email: "r1@example.test" })).resolves.toBeDefined();
    } finally {
      await otherInstance.$disconnect();
    }
  });

  it("caps invite emails per inviter per day across all their bands (create and resend)", async () => {
    expect(INVITE_LIMITS.invitesPerInviterPerDay).toBe(200);
    INVITE_LIMITS.invitesPerInviterPerDay = 3;
    const spammer = await createUser(t.db, "spammer");
    const bands = [];
    for (let i = 0; i < 3; i++) bands.push(await callerFor(t.db, spammer).band.create({ name: `Spam ${i}` }));
    const api = callerFor(t.db, spammer);
    const first = await api.invite.create({ bandId: bands[0]!.id, email: "stranger@example.test" });
    await api.invite.create({ bandId: bands[1]!.id, email: "stranger@example.test" });
    await api.invite.resend({ bandId: bands[0]!.id, inviteId: first.invite.id });
    const before = (await mailsTo("stranger@example.test")).length;
    const limited = await rejection(api.invite.create({ bandId: bands[2]!.id, email: "stranger@example.test" }));
    expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429, reason: "RATE_LIMITED" });
    expect(limited.message).toMatch(/^You have sent 3 invites today\. Try again in \d+ hours\.$/);
    expect(await t.db.bandInvite.count({ where: { bandId: bands[2]!.id } })).toBe(0);
    expect((await mailsTo("stranger@example.test")).length).toBe(before);
    // Another admin of the same band is not held back by this person's budget.
    const { band, owner } = await createBandWith(t.db);
    await expect(callerFor(t.db, owner).invite.create({ bandId: band.id, email: "stranger@example.test" })).resolves.toBeDefined();
  });

  it("caps accept/decline attempts per user per minute, even failing ones", async () => {
    INVITE_LIMITS.acceptAttemptsPerUserPerMinute = 3;
    const { invitee, token } = await invite();
    const api = callerFor(t.db, invitee);
    for (let i = 0; i < 3; i++) expect((await rejection(api.invite.accept({ token: `guess-${i}` }))).reason).toBe("INVITE_NOT_FOUND");
    expect(await rejection(api.invite.accept({ token }))).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429, reason: "RATE_LIMITED" });
    expect(await rejection(api.invite.decline({ token }))).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" });
    // Someone else is not affected.
    const other = await invite();
    await expect(callerFor(t.db, other.invitee).invite.accept({ token: other.token })).resolves.toMatchObject({ bandId: other.band.id });
    // After the window the user may try again.
    await t.db.rateLimiterFlexible.updateMany({ where: { key: { endsWith: invitee.id } }, data: { expire: new Date(Date.now() - 1) } });
    await expect(api.invite.accept({ token })).resolves.toMatchObject({ role: "MEMBER" });
  });
});

describe("no token after creation", () => {
  it("appears in no response and no log line, except the outbox's own line while writing the mail", async () => {
    expect(issuedTokens.length).toBeGreaterThan(10);
    expect(responses.length).toBeGreaterThan(10);
    // The capture works: the outbox printed the links while writing the mails.
    const outboxLink = /^outbox link: https:\/\/rehearsal\.example\.test\/invite\/[A-Za-z0-9_-]{43}$/;
    const messageOf = (line: string) => (JSON.parse(line) as { msg?: string }).msg ?? "";
    expect(logs.lines.filter((l) => outboxLink.test(messageOf(l))).length).toBeGreaterThan(10);
    for (const token of issuedTokens) {
      for (const response of responses) expect(response).not.toContain(token);
      for (const line of consoleLines) expect(line).not.toContain(token);
      for (const line of logs.lines) {
        if (line.includes(token)) expect(messageOf(line)).toMatch(outboxLink);
      }
    }
  });
});
