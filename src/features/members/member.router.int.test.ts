import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { getStorage } from "@/server/storage";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { rejection } from "@/test/trpc-rejection";

const t = databaseWithStorage("rh-members-");

const roleOf = async (bandId: string, userId: string) =>
  (await t.db.bandMember.findUnique({ where: { bandId_userId: { bandId, userId } } }))?.role ?? null;

describe("member.list", () => {
  it("shows everyone with email, role and joined date, owners first, and what the viewer may do", async () => {
    const { band, owner, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    const asAdmin = await callerFor(t.db, admin!).member.list({ bandId: band.id });
    expect(asAdmin.map((m) => m.role)).toEqual(["OWNER", "ADMIN", "MEMBER"]);
    expect(asAdmin[0]).toMatchObject({ userId: owner.id, email: owner.email, isMe: false, roleOptions: [], canRemove: false });
    expect(asAdmin[1]).toMatchObject({ userId: admin!.id, isMe: true, roleOptions: ["MEMBER"], canRemove: false, canLeave: true });
    expect(asAdmin[2]).toMatchObject({ userId: member!.id, roleOptions: ["ADMIN"], canRemove: true });
    expect(asAdmin[2]!.joinedAt).toBeInstanceOf(Date);

    const asMember = await callerFor(t.db, member!).member.list({ bandId: band.id });
    expect(asMember.every((m) => m.roleOptions.length === 0 && !m.canRemove)).toBe(true);
  });
});

describe("member.updateRole", () => {
  it("lets an owner promote and demote, logs from/to, and the new role applies on the next call", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const promoted = callerFor(t.db, member!);
    expect(await rejection(promoted.band.update({ bandId: band.id, name: "Renamed" }))).toMatchObject({ reason: "INSUFFICIENT_ROLE" });

    await callerFor(t.db, owner).member.updateRole({ bandId: band.id, userId: member!.id, role: "ADMIN" });
    expect(await promoted.band.update({ bandId: band.id, name: "Renamed" })).toMatchObject({ name: "Renamed" });

    const events = await t.db.bandActivity.findMany({ where: { bandId: band.id, type: "MEMBER_ROLE_CHANGED" } });
    expect(events).toEqual([expect.objectContaining({ actorId: owner.id, targetUserId: member!.id, fromRole: "MEMBER", toRole: "ADMIN" })]);
  });

  it("admins cannot make owners or touch an owner; members manage nobody", async () => {
    const { band, owner, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    const asAdmin = callerFor(t.db, admin!);
    expect(await rejection(asAdmin.member.updateRole({ bandId: band.id, userId: member!.id, role: "OWNER" }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await rejection(asAdmin.member.updateRole({ bandId: band.id, userId: owner.id, role: "MEMBER" }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await rejection(callerFor(t.db, member!).member.updateRole({ bandId: band.id, userId: admin!.id, role: "MEMBER" }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await roleOf(band.id, owner.id)).toBe("OWNER");
    expect(await roleOf(band.id, member!.id)).toBe("MEMBER");
    expect(await roleOf(band.id, admin!.id)).toBe("ADMIN");
  });

  it("refuses to demote the last owner (409 LAST_OWNER) but lets one of two owners step down", async () => {
    const { band, owner, owner2 } = await createBandWith(t.db, { owner2: true });
    await callerFor(t.db, owner2!).member.updateRole({ bandId: band.id, userId: owner2!.id, role: "ADMIN" });
    expect(await rejection(callerFor(t.db, owner).member.updateRole({ bandId: band.id, userId: owner.id, role: "ADMIN" }))).toMatchObject({
      code: "CONFLICT",
      reason: "LAST_OWNER",
    });
    expect(await roleOf(band.id, owner.id)).toBe("OWNER");
  });

  it("404s for someone who is not in this band, including another band's member", async () => {
    const { band, owner } = await createBandWith(t.db);
    const other = await createBandWith(t.db, { member: true });
    expect(await rejection(callerFor(t.db, owner).member.updateRole({ bandId: band.id, userId: other.member!.id, role: "ADMIN" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await roleOf(other.band.id, other.member!.id)).toBe("MEMBER");
  });

  it("rejects an unknown role with BAD_REQUEST", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const bad = { bandId: band.id, userId: member!.id, role: "ROADIE" } as unknown as { bandId: string; userId: string; role: "ADMIN" };
    expect(await rejection(callerFor(t.db, owner).member.updateRole(bad))).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("member.remove", () => {
  it("removes a member, logs who did it, and the removed member's very next call is refused", async () => {
    const { band, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    const removed = callerFor(t.db, member!);
    expect((await removed.band.get({ bandId: band.id })).myRole).toBe("MEMBER");
    await callerFor(t.db, admin!).member.remove({ bandId: band.id, userId: member!.id });
    expect(await rejection(removed.band.get({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(removed.member.list({ bandId: band.id }))).toMatchObject({ reason: "NOT_A_MEMBER" });
    expect(await t.db.bandActivity.findMany({ where: { bandId: band.id, type: "MEMBER_REMOVED" } })).toEqual([
      expect.objectContaining({ actorId: admin!.id, targetUserId: member!.id, fromRole: "MEMBER" }),
    ]);
  });

  it("admins never remove owners; nobody removes themselves (that is leaving)", async () => {
    const { band, owner, admin } = await createBandWith(t.db, { admin: true });
    expect(await rejection(callerFor(t.db, admin!).member.remove({ bandId: band.id, userId: owner.id }))).toMatchObject({ reason: "INSUFFICIENT_ROLE" });
    expect(await rejection(callerFor(t.db, owner).member.remove({ bandId: band.id, userId: owner.id }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.bandMember.count({ where: { bandId: band.id } })).toBe(2);
  });

  it("an owner may remove another owner", async () => {
    const { band, owner, owner2 } = await createBandWith(t.db, { owner2: true });
    await callerFor(t.db, owner).member.remove({ bandId: band.id, userId: owner2!.id });
    expect(await roleOf(band.id, owner2!.id)).toBeNull();
  });
});

describe("member.leave", () => {
  it("lets a member leave, logs it, and refuses the last owner with LAST_OWNER", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    await callerFor(t.db, member!).member.leave({ bandId: band.id });
    expect(await roleOf(band.id, member!.id)).toBeNull();
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "MEMBER_LEFT", targetUserId: member!.id } })).toBe(1);

    expect(await rejection(callerFor(t.db, owner).member.leave({ bandId: band.id }))).toMatchObject({ code: "CONFLICT", reason: "LAST_OWNER" });
    expect(await roleOf(band.id, owner.id)).toBe("OWNER");
  });
});

describe("band.update / band.delete", () => {
  it("admins rename (logged); members cannot", async () => {
    const { band, admin, member } = await createBandWith(t.db, { admin: true, member: true });
    expect(await rejection(callerFor(t.db, member!).band.update({ bandId: band.id, name: "Nope" }))).toMatchObject({ reason: "INSUFFICIENT_ROLE" });
    expect(await callerFor(t.db, admin!).band.update({ bandId: band.id, name: "  New Name " })).toEqual({ id: band.id, name: "New Name" });
    expect(await t.db.bandActivity.count({ where: { bandId: band.id, type: "BAND_RENAMED", actorId: admin!.id } })).toBe(1);
    expect(await rejection(callerFor(t.db, admin!).band.update({ bandId: band.id, name: " " }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("only owners delete; everything of the band goes, other bands stay", async () => {
    const { band, owner, admin } = await createBandWith(t.db, { admin: true });
    const other = await createBandWith(t.db);
    for (const b of [band, other.band]) {
      const song = await t.db.song.create({ data: { bandId: b.id, title: "Song" } });
      const storageKey = `test/${b.id}.mp3`;
      await getStorage().put(storageKey, Readable.from([Buffer.from("ID3 not really audio")]));
      const version = await t.db.version.create({
        data: { bandId: b.id, songId: song.id, storageKey, originalName: "a.mp3", contentType: "audio/mpeg", sizeBytes: 20n },
      });
      await t.db.song.update({ where: { id: song.id }, data: { bestVersionId: version.id } });
      await t.db.comment.create({ data: { bandId: b.id, versionId: version.id, body: "nice" } });
      await t.db.bandInvite.create({ data: { bandId: b.id, email: "x@example.test", tokenHash: `hash-${b.id}`, expiresAt: new Date(Date.now() + 1e6) } });
    }
    expect(await rejection(callerFor(t.db, admin!).band.delete({ bandId: band.id }))).toMatchObject({ reason: "INSUFFICIENT_ROLE" });

    expect(await callerFor(t.db, owner).band.delete({ bandId: band.id })).toMatchObject({ id: band.id, deletedFiles: 1 });
    for (const model of ["song", "version", "comment", "bandInvite", "bandMember", "bandActivity"] as const) {
      expect(await (t.db[model] as unknown as { count: (a: object) => Promise<number> }).count({ where: { bandId: band.id } }), model).toBe(0);
      expect(await (t.db[model] as unknown as { count: (a: object) => Promise<number> }).count({ where: { bandId: other.band.id } }), model).toBeGreaterThan(0);
    }
    expect(await rejection(callerFor(t.db, owner).band.get({ bandId: band.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await getStorage().stat(`test/${band.id}.mp3`)).toBeNull();
    expect(await getStorage().stat(`test/${other.band.id}.mp3`)).not.toBeNull();
  });
});

describe("activity.list", () => {
  it("pages through the band's events newest first, for members only", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    for (const name of ["One", "Two", "Three", "Four"]) await callerFor(t.db, owner).band.update({ bandId: band.id, name });
    const api = callerFor(t.db, member!);
    const first = await api.activity.list({ bandId: band.id, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items.map((i) => i.type)).toEqual(["BAND_RENAMED", "BAND_RENAMED", "BAND_RENAMED"]);
    const second = await api.activity.list({ bandId: band.id, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.type)).toEqual(["BAND_RENAMED", "BAND_CREATED"]);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(5);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(all[i]!.createdAt.getTime());

    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, stranger).activity.list({ bandId: band.id }))).toMatchObject({ reason: "NOT_A_MEMBER" });
  });

  it("does not accept another band's event as a cursor", async () => {
    const { band, owner } = await createBandWith(t.db);
    const other = await createBandWith(t.db);
    const foreign = await t.db.bandActivity.findFirstOrThrow({ where: { bandId: other.band.id } });
    expect(await rejection(callerFor(t.db, owner).activity.list({ bandId: band.id, cursor: foreign.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
