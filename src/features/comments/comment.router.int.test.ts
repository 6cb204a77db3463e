import { describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTake } from "@/test/takes";
import { databaseWithStorage } from "@/test/database-with-storage";
import { rejection } from "@/test/trpc-rejection";

const t = databaseWithStorage("rh-comments-");

async function bandWithTake(durationSeconds: number | null = 90) {
  const setup = await createBandWith(t.db, { admin: true, member: true });
  const song = await callerFor(t.db, setup.owner).song.create({ bandId: setup.band.id, title: "Song" });
  const take = await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.owner.id, durationSeconds });
  return { ...setup, song, take };
}

describe("comment.create / comment.list", () => {
  it("members comment with and without a timestamp; the list puts the moment before the general comment, with authors", async () => {
    const { band, owner, member, take } = await bandWithTake();
    const api = callerFor(t.db, member!);
    const first = await api.comment.create({ bandId: band.id, versionId: take.id, body: "  Drums rush here  ", atSeconds: 42.123 });
    expect(first).toMatchObject({ body: "Drums rush here", atSeconds: 42.12, authorId: member!.id, canDelete: true });
    await callerFor(t.db, owner).comment.create({ bandId: band.id, versionId: take.id, body: "Great take overall" });

    const list = await api.comment.list({ bandId: band.id, versionId: take.id });
    expect(list.map((c) => [c.body, c.atSeconds, c.author?.email, c.canDelete])).toEqual([
      ["Drums rush here", 42.12, member!.email, true],
      ["Great take overall", null, owner.email, false],
    ]);
    expect((await callerFor(t.db, member!).version.get({ bandId: band.id, versionId: take.id })).commentCount).toBe(2);
  });

  it("validates the body (1..2000 after trimming) and the timestamp against the take's duration", async () => {
    const { band, member, take } = await bandWithTake(90);
    const api = callerFor(t.db, member!);
    const base = { bandId: band.id, versionId: take.id };
    expect(await rejection(api.comment.create({ ...base, body: "   " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.comment.create({ ...base, body: "x".repeat(2001) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.comment.create({ ...base, body: "ok", atSeconds: -1 }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.comment.create({ ...base, body: "ok", atSeconds: 95 }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/past the end/),
    });
    expect(await t.db.comment.count({ where: { versionId: take.id } })).toBe(0);

    expect(await api.comment.create({ ...base, body: "x".repeat(2000), atSeconds: 90 })).toMatchObject({ atSeconds: 90 });
    expect(await api.comment.create({ ...base, body: "start", atSeconds: 0 })).toMatchObject({ atSeconds: 0 });
  });

  it("accepts any non-negative timestamp when the duration is unknown", async () => {
    const { band, member, take } = await bandWithTake(null);
    expect(await callerFor(t.db, member!).comment.create({ bandId: band.id, versionId: take.id, body: "late", atSeconds: 900 })).toMatchObject({
      atSeconds: 900,
    });
  });

  it("another band's take is NOT_FOUND through my band; strangers are refused; nothing is written", async () => {
    const theirs = await bandWithTake();
    await callerFor(t.db, theirs.owner).comment.create({ bandId: theirs.band.id, versionId: theirs.take.id, body: "secret" });
    const mine = await createBandWith(t.db);
    const api = callerFor(t.db, mine.owner);
    expect(await rejection(api.comment.list({ bandId: mine.band.id, versionId: theirs.take.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.comment.create({ bandId: mine.band.id, versionId: theirs.take.id, body: "hi" }))).toMatchObject({ code: "NOT_FOUND" });
    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, stranger).comment.list({ bandId: theirs.band.id, versionId: theirs.take.id }))).toMatchObject({
      reason: "NOT_A_MEMBER",
    });
    expect(await t.db.comment.count({ where: { versionId: theirs.take.id } })).toBe(1);
    expect(await t.db.comment.count({ where: { bandId: mine.band.id } })).toBe(0);
  });
});

describe("comment.delete", () => {
  it("the author or an admin deletes; another member gets INSUFFICIENT_ROLE; other bands get NOT_FOUND", async () => {
    const { band, owner, admin, member, take } = await bandWithTake();
    const byOwner = await callerFor(t.db, owner).comment.create({ bandId: band.id, versionId: take.id, body: "owner's" });
    const byMember = await callerFor(t.db, member!).comment.create({ bandId: band.id, versionId: take.id, body: "member's" });

    expect(await rejection(callerFor(t.db, member!).comment.delete({ bandId: band.id, commentId: byOwner.id }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    const elsewhere = await createBandWith(t.db);
    expect(await rejection(callerFor(t.db, elsewhere.owner).comment.delete({ bandId: elsewhere.band.id, commentId: byOwner.id }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await t.db.comment.count({ where: { id: byOwner.id } })).toBe(1);

    await callerFor(t.db, member!).comment.delete({ bandId: band.id, commentId: byMember.id });
    await callerFor(t.db, admin!).comment.delete({ bandId: band.id, commentId: byOwner.id });
    expect(await t.db.comment.count({ where: { versionId: take.id } })).toBe(0);
  });
});

describe("passages, replies, edits, resolving and mentions", () => {
  it("a passage has a start before its end inside the take; a reply has no time and stays on its comment's take", async () => {
    const { band, member, owner, song, take } = await bandWithTake(90);
    const api = callerFor(t.db, member!);
    const base = { bandId: band.id, versionId: take.id };
    expect(await api.comment.create({ ...base, body: "bridge drags", atSeconds: 30, endSeconds: 45.678 })).toMatchObject({ atSeconds: 30, endSeconds: 45.68 });
    for (const bad of [{ atSeconds: 40, endSeconds: 40 }, { atSeconds: 40, endSeconds: 30 }, { endSeconds: 30 }, { atSeconds: 10, endSeconds: 95 }]) {
      expect(await rejection(api.comment.create({ ...base, body: "x", ...bad })), JSON.stringify(bad)).toMatchObject({ code: "BAD_REQUEST" });
    }
    const parent = await api.comment.create({ ...base, body: "top" });
    expect(await rejection(api.comment.create({ ...base, body: "reply", parentId: parent.id, atSeconds: 3 }))).toMatchObject({ code: "BAD_REQUEST" });
    const reply = await callerFor(t.db, owner).comment.create({ ...base, body: "agreed", parentId: parent.id });
    expect(reply).toMatchObject({ parentId: parent.id, atSeconds: null });
    expect(await rejection(api.comment.create({ ...base, body: "nested", parentId: reply.id }))).toMatchObject({ code: "BAD_REQUEST" });
    const otherTake = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    expect(await rejection(api.comment.create({ bandId: band.id, versionId: otherTake.id, body: "wrong take", parentId: parent.id }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const elsewhere = await bandWithTake();
    const foreign = await callerFor(t.db, elsewhere.owner).comment.create({ bandId: elsewhere.band.id, versionId: elsewhere.take.id, body: "theirs" });
    expect(await rejection(api.comment.create({ ...base, body: "sneak", parentId: foreign.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.comment.count({ where: { parentId: { not: null } } })).toBe(1);
  });

  it("lists top-level comments in time order, general ones last and labelled by no time, each with replies oldest first", async () => {
    const { band, member, owner, take } = await bandWithTake(200);
    const api = callerFor(t.db, member!);
    const base = { bandId: band.id, versionId: take.id };
    const general = await api.comment.create({ ...base, body: "general" });
    const late = await api.comment.create({ ...base, body: "late", atSeconds: 150 });
    const zero = await api.comment.create({ ...base, body: "count-in", atSeconds: 0 });
    const passage = await api.comment.create({ ...base, body: "passage", atSeconds: 20, endSeconds: 40 });
    const r1 = await callerFor(t.db, owner).comment.create({ ...base, body: "first reply", parentId: late.id });
    const r2 = await api.comment.create({ ...base, body: "second reply", parentId: late.id });

    const list = await api.comment.list(base);
    expect(list.map((c) => c.id)).toEqual([zero.id, passage.id, late.id, general.id]);
    expect(list.find((c) => c.id === late.id)!.replies.map((r) => r.id)).toEqual([r1.id, r2.id]);
    expect(list.find((c) => c.id === general.id)).toMatchObject({ atSeconds: null, replies: [], resolved: false, edited: false });
    expect(list[0]!.name).toEqual(expect.any(String));
  });

  it("only the author edits (shown as edited); any member resolves and reopens a top-level comment, never a reply", async () => {
    const { band, member, admin, owner, take } = await bandWithTake();
    const base = { bandId: band.id, versionId: take.id };
    const mine = await callerFor(t.db, member!).comment.create({ ...base, body: "tempo?" });
    for (const other of [admin!, owner]) {
      expect(await rejection(callerFor(t.db, other).comment.update({ bandId: band.id, commentId: mine.id, body: "hijack" }))).toMatchObject({
        code: "FORBIDDEN",
        reason: "INSUFFICIENT_ROLE",
      });
    }
    const edited = await callerFor(t.db, member!).comment.update({ bandId: band.id, commentId: mine.id, body: "tempo is 92?" });
    expect(edited).toMatchObject({ body: "tempo is 92?", edited: true });
    expect(await rejection(callerFor(t.db, member!).comment.update({ bandId: band.id, commentId: mine.id, body: "  " }))).toMatchObject({ code: "BAD_REQUEST" });

    expect(await callerFor(t.db, admin!).comment.resolve({ bandId: band.id, commentId: mine.id, resolved: true })).toMatchObject({ resolved: true });
    expect((await callerFor(t.db, member!).comment.list(base))[0]).toMatchObject({ resolved: true });
    expect(await callerFor(t.db, member!).comment.resolve({ bandId: band.id, commentId: mine.id, resolved: false })).toMatchObject({ resolved: false });
    const reply = await callerFor(t.db, owner).comment.create({ ...base, body: "yes", parentId: mine.id });
    expect(await rejection(callerFor(t.db, owner).comment.resolve({ bandId: band.id, commentId: reply.id, resolved: true }))).toMatchObject({ code: "BAD_REQUEST" });

    const elsewhere = await createBandWith(t.db);
    expect(
      await rejection(callerFor(t.db, elsewhere.owner).comment.resolve({ bandId: elsewhere.band.id, commentId: mine.id, resolved: true })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(callerFor(t.db, elsewhere.owner).comment.update({ bandId: elsewhere.band.id, commentId: mine.id, body: "x" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("stores the members a body mentions by display name, and updates them on edit; non-members are not mentioned", async () => {
    const { band, member, admin, owner, take } = await bandWithTake();
    await t.db.user.update({ where: { id: admin!.id }, data: { name: "Anna Lee" } });
    await t.db.user.update({ where: { id: owner.id }, data: { name: "Bo" } });
    const outsider = await createUser(t.db, "outsider");
    await t.db.user.update({ where: { id: outsider.id }, data: { name: "Cleo" } });
    const api = callerFor(t.db, member!);
    const c = await api.comment.create({ bandId: band.id, versionId: take.id, body: "@anna lee and @Bo, and @Cleo: listen" });
    const mentioned = async () => (await t.db.commentMention.findMany({ where: { commentId: c.id }, orderBy: { userId: "asc" } })).map((m) => m.userId);
    expect(await mentioned()).toEqual([admin!.id, owner.id].sort());
    expect(c.mentionedUserIds.sort()).toEqual([admin!.id, owner.id].sort());
    await api.comment.update({ bandId: band.id, commentId: c.id, body: "only @Bo now" });
    expect(await mentioned()).toEqual([owner.id]);
  });
});
