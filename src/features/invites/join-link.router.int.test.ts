import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";
import { mailsTo, TEST_APP_URL, tokenOf, useTempOutbox } from "./testing/invite-test-kit";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outbox: ReturnType<typeof useTempOutbox>;
beforeAll(async () => {
  outbox = useTempOutbox();
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  outbox?.cleanup();
});

describe("joinLink", () => {
  it("lets an admin create a link that any signed-in person uses to join as member; each join is logged and admins told", async () => {
    const { band, owner, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    const created = await callerFor(t.db, admin!).joinLink.create({ bandId: band.id, expiresInDays: 7, maxUses: 3 });
    expect(created.link).toMatch(new RegExp(`^${TEST_APP_URL}/join/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(created.link);
    expect(created.joinLink).toMatchObject({ status: "ACTIVE", uses: 0, maxUses: 3, role: "MEMBER" });

    // Members see the link's settings but never its token.
    const seenByMember = await callerFor(t.db, member!).joinLink.get({ bandId: band.id });
    expect(seenByMember).toMatchObject({ status: "ACTIVE", maxUses: 3, uses: 0 });
    expect(JSON.stringify(seenByMember)).not.toContain(token);
    expect(JSON.stringify(seenByMember)).not.toMatch(/tokenHash/);

    const anonymousPreview = await callerFor(t.db, null).joinLink.preview({ token });
    expect(anonymousPreview).toMatchObject({ band: { name: band.name, id: null }, status: "ACTIVE", sharedBy: "admin", viewer: null });
    expect(await t.db.bandJoinLink.findFirstOrThrow({ where: { bandId: band.id } })).toMatchObject({ uses: 0 });

    const newcomer = await createUser(t.db, "newcomer");
    expect(await callerFor(t.db, newcomer).joinLink.join({ token })).toEqual({ bandId: band.id, bandName: band.name, role: "MEMBER" });
    expect(await callerFor(t.db, newcomer).band.get({ bandId: band.id })).toMatchObject({ myRole: "MEMBER" });
    expect(await rejection(callerFor(t.db, newcomer).joinLink.join({ token }))).toMatchObject({ code: "CONFLICT", reason: "ALREADY_MEMBER" });
    const types = (await t.db.bandActivity.findMany({ where: { bandId: band.id, actorId: newcomer.id } })).map((a) => a.type).sort();
    expect(types).toEqual(["JOIN_LINK_USED", "MEMBER_JOINED"]);
    expect((await mailsTo(owner.email)).filter((m) => m.subject === `newcomer joined ${band.name}`)).toHaveLength(1);
    expect((await callerFor(t.db, member!).joinLink.get({ bandId: band.id }))?.uses).toBe(1);
    expect(await rejection(callerFor(t.db, null).joinLink.join({ token }))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("regenerating replaces the old link; revoking turns it off (404); used up is 409; expired is 410", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    const first = tokenOf((await api.joinLink.create({ bandId: band.id, expiresInDays: 1, maxUses: 1 })).link);
    const second = tokenOf((await api.joinLink.create({ bandId: band.id, expiresInDays: 30, maxUses: 1 })).link);
    const joiner = await createUser(t.db, "j");
    expect(await rejection(callerFor(t.db, joiner).joinLink.join({ token: first }))).toMatchObject({ code: "NOT_FOUND", status: 404, reason: "INVITE_NOT_FOUND" });
    expect((await callerFor(t.db, null).joinLink.preview({ token: first })).status).toBe("REVOKED");

    await callerFor(t.db, joiner).joinLink.join({ token: second });
    expect(await rejection(callerFor(t.db, await createUser(t.db)).joinLink.join({ token: second }))).toMatchObject({ code: "CONFLICT", status: 409, reason: "INVITE_USED" });

    const third = tokenOf((await api.joinLink.create({ bandId: band.id, expiresInDays: 7, maxUses: 10 })).link);
    await t.db.bandJoinLink.updateMany({ where: { bandId: band.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await rejection(callerFor(t.db, await createUser(t.db)).joinLink.join({ token: third }))).toMatchObject({ code: "PRECONDITION_FAILED", status: 410, reason: "INVITE_EXPIRED" });

    expect(await api.joinLink.revoke({ bandId: band.id })).toEqual({ revoked: 1 });
    expect(await api.joinLink.get({ bandId: band.id })).toBeNull();
    expect(await rejection(callerFor(t.db, await createUser(t.db)).joinLink.join({ token: third }))).toMatchObject({ status: 404, reason: "INVITE_NOT_FOUND" });
    expect(await rejection(callerFor(t.db, null).joinLink.preview({ token: "unknown" }))).toMatchObject({ code: "NOT_FOUND", reason: "INVITE_NOT_FOUND" });
    const logged = await t.db.bandActivity.groupBy({ by: ["type"], where: { bandId: band.id, type: { in: ["JOIN_LINK_CREATED", "JOIN_LINK_REVOKED"] } }, _count: true });
    expect(Object.fromEntries(logged.map((l) => [l.type, l._count]))).toEqual({ JOIN_LINK_CREATED: 3, JOIN_LINK_REVOKED: 1 });
  });

  it("is managed by admins only and read by members; bad settings are rejected", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    expect(await rejection(callerFor(t.db, member!).joinLink.create({ bandId: band.id, maxUses: 5 }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, member!).joinLink.revoke({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, await createUser(t.db)).joinLink.get({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    const { owner } = await createBandWith(t.db);
    const ownBand = (await callerFor(t.db, owner).band.list())[0]!;
    expect(await rejection(callerFor(t.db, owner).joinLink.create({ bandId: ownBand.id, maxUses: 0 }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(callerFor(t.db, owner).joinLink.create({ bandId: ownBand.id, maxUses: 101 }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
