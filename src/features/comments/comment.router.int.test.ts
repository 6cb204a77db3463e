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
  it("members comment with and without a timestamp; the list is in writing order with authors", async () => {
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
