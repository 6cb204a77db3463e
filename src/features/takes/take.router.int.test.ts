import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTake } from "@/test/takes";
import { databaseWithStorage } from "@/test/database-with-storage";
import { rejection } from "@/test/trpc-rejection";

const t = databaseWithStorage("rh-versions-");

/** A band (owner, admin, two members) with a song and a take uploaded by `member`. */
async function bandWithTake() {
  const setup = await createBandWith(t.db, { admin: true, member: true });
  const other = await createUser(t.db, "other");
  await t.db.bandMember.create({ data: { bandId: setup.band.id, userId: other.id, role: "MEMBER" } });
  const song = await callerFor(t.db, setup.owner).song.create({ bandId: setup.band.id, title: "Song" });
  const take = await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.member!.id });
  return { ...setup, other, song, take };
}

const fileOf = (key: string) => path.join(t.storageDir, key);

describe("version.list / version.get", () => {
  it("lists takes newest first with uploader, duration, size, comment count and the best take marked", async () => {
    const { band, owner, member, song } = await bandWithTake();
    const older = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id, createdAt: new Date("2020-01-01"), durationSeconds: 61.5 });
    await t.db.comment.create({ data: { bandId: band.id, versionId: older.id, authorId: owner.id, body: "nice" } });
    await callerFor(t.db, owner).version.update({ bandId: band.id, versionId: older.id, isBest: true });

    const list = await callerFor(t.db, member!).version.list({ bandId: band.id, songId: song.id });
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ uploaderId: member!.id, isBest: false, commentCount: 0, canEdit: true });
    expect(list[1]).toMatchObject({
      id: older.id,
      isBest: true,
      durationSeconds: 61.5,
      sizeBytes: 15,
      commentCount: 1,
      canEdit: false,
      uploader: { id: owner.id, email: owner.email, name: owner.name },
    });
    expect(list[1]).not.toHaveProperty("storageKey");

    expect(await callerFor(t.db, member!).version.get({ bandId: band.id, versionId: older.id })).toMatchObject({ id: older.id, isBest: true });
  });

  it("another band's song or take is NOT_FOUND through my band, with zero foreign rows returned", async () => {
    const theirs = await bandWithTake();
    const mine = await createBandWith(t.db);
    const api = callerFor(t.db, mine.owner);
    expect(await rejection(api.version.list({ bandId: mine.band.id, songId: theirs.song.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.version.get({ bandId: mine.band.id, versionId: theirs.take.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.version.update({ bandId: mine.band.id, versionId: theirs.take.id, title: "mine now", isBest: true }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.version.delete({ bandId: mine.band.id, versionId: theirs.take.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.version.findUniqueOrThrow({ where: { id: theirs.take.id } })).toMatchObject({ title: null });
    expect((await t.db.song.findUniqueOrThrow({ where: { id: theirs.song.id } })).bestVersionId).toBeNull();
    expect(fs.existsSync(fileOf(theirs.take.storageKey))).toBe(true);
  });
});

describe("version.update", () => {
  it("the uploader edits title and notes; blank clears them", async () => {
    const { band, member, take } = await bandWithTake();
    const api = callerFor(t.db, member!);
    expect(await api.version.update({ bandId: band.id, versionId: take.id, title: "  Slower intro ", notes: "Bass too loud" })).toMatchObject({
      title: "Slower intro",
      notes: "Bass too loud",
    });
    expect(await api.version.update({ bandId: band.id, versionId: take.id, title: "  ", notes: "" })).toMatchObject({ title: null, notes: null });
  });

  it("keeps exactly one best take per song", async () => {
    const { band, owner, song, take } = await bandWithTake();
    const second = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    const api = callerFor(t.db, owner);

    await api.version.update({ bandId: band.id, versionId: take.id, isBest: true });
    await api.version.update({ bandId: band.id, versionId: second.id, isBest: true });
    let list = await api.version.list({ bandId: band.id, songId: song.id });
    expect(list.filter((v) => v.isBest).map((v) => v.id)).toEqual([second.id]);

    // Unmarking a take that is not the best one leaves the best one alone.
    await api.version.update({ bandId: band.id, versionId: take.id, isBest: false });
    expect((await t.db.song.findUniqueOrThrow({ where: { id: song.id } })).bestVersionId).toBe(second.id);

    await api.version.update({ bandId: band.id, versionId: second.id, isBest: false });
    list = await api.version.list({ bandId: band.id, songId: song.id });
    expect(list.filter((v) => v.isBest)).toEqual([]);
  });

  it("is uploader or admin: another member gets FORBIDDEN INSUFFICIENT_ROLE and nothing changes", async () => {
    const { band, admin, owner, other, take } = await bandWithTake();
    expect(await rejection(callerFor(t.db, other).version.update({ bandId: band.id, versionId: take.id, title: "Mine" }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await rejection(callerFor(t.db, other).version.update({ bandId: band.id, versionId: take.id, isBest: true }))).toMatchObject({
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await t.db.version.findUniqueOrThrow({ where: { id: take.id } })).toMatchObject({ title: null });
    expect((await t.db.song.findUniqueOrThrow({ where: { id: take.songId } })).bestVersionId).toBeNull();

    await callerFor(t.db, admin!).version.update({ bandId: band.id, versionId: take.id, title: "By admin" });
    await callerFor(t.db, owner).version.update({ bandId: band.id, versionId: take.id, notes: "By owner" });
    expect(await t.db.version.findUniqueOrThrow({ where: { id: take.id } })).toMatchObject({ title: "By admin", notes: "By owner" });
  });

  it("validates input", async () => {
    const { band, member, take } = await bandWithTake();
    const api = callerFor(t.db, member!);
    expect(await rejection(api.version.update({ bandId: band.id, versionId: take.id }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.version.update({ bandId: band.id, versionId: take.id, title: "x".repeat(121) }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("version.delete", () => {
  it("removes the row, its comments, the best-take mark and then the file", async () => {
    const { band, member, song, take } = await bandWithTake();
    const api = callerFor(t.db, member!);
    await api.version.update({ bandId: band.id, versionId: take.id, isBest: true });
    await t.db.comment.create({ data: { bandId: band.id, versionId: take.id, authorId: member!.id, body: "x" } });
    expect(fs.existsSync(fileOf(take.storageKey))).toBe(true);

    expect(await api.version.delete({ bandId: band.id, versionId: take.id })).toEqual({ id: take.id, songId: song.id });
    expect(await t.db.version.count({ where: { id: take.id } })).toBe(0);
    expect(await t.db.comment.count({ where: { versionId: take.id } })).toBe(0);
    expect((await t.db.song.findUniqueOrThrow({ where: { id: song.id } })).bestVersionId).toBeNull();
    expect(fs.existsSync(fileOf(take.storageKey))).toBe(false);
    expect(await rejection(api.version.get({ bandId: band.id, versionId: take.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is uploader or admin: another member is refused and the take and file stay", async () => {
    const { band, admin, other, take } = await bandWithTake();
    expect(await rejection(callerFor(t.db, other).version.delete({ bandId: band.id, versionId: take.id }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "INSUFFICIENT_ROLE",
    });
    expect(await t.db.version.count({ where: { id: take.id } })).toBe(1);
    expect(fs.existsSync(fileOf(take.storageKey))).toBe(true);

    await callerFor(t.db, admin!).version.delete({ bandId: band.id, versionId: take.id });
    expect(await t.db.version.count({ where: { id: take.id } })).toBe(0);
    expect(fs.existsSync(fileOf(take.storageKey))).toBe(false);
  });

  it("a removed uploader can no longer touch their take", async () => {
    const { band, member, take } = await bandWithTake();
    await t.db.bandMember.delete({ where: { bandId_userId: { bandId: band.id, userId: member!.id } } });
    expect(await rejection(callerFor(t.db, member!).version.delete({ bandId: band.id, versionId: take.id }))).toMatchObject({
      code: "FORBIDDEN",
      reason: "NOT_A_MEMBER",
    });
    expect(await t.db.version.count({ where: { id: take.id } })).toBe(1);
  });
});

describe("take numbers and offsets", () => {
  it("numbers takes per song in upload order, never reusing a deleted take's number", async () => {
    const { band, owner, member, song, take } = await bandWithTake();
    const second = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    await callerFor(t.db, owner).version.delete({ bandId: band.id, versionId: second.id });
    const third = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    const otherSong = await callerFor(t.db, owner).song.create({ bandId: band.id, title: "Other" });
    const firstOfOther = await createTake(t.db, { bandId: band.id, songId: otherSong.id, uploaderId: owner.id });

    const list = await callerFor(t.db, member!).version.list({ bandId: band.id, songId: song.id });
    expect(list.map((v) => [v.id, v.number])).toEqual([
      [third.id, 3],
      [take.id, 1],
    ]);
    expect((await callerFor(t.db, member!).version.get({ bandId: band.id, versionId: firstOfOther.id })).number).toBe(1);
  });

  it("deleting the newest take does not free its number: takes 1-3, delete #3, the next is #4", async () => {
    const { band, owner, song, take } = await bandWithTake();
    await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    const third = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    expect(third.number).toBe(3);
    await callerFor(t.db, owner).version.delete({ bandId: band.id, versionId: third.id });
    const next = await createTake(t.db, { bandId: band.id, songId: song.id, uploaderId: owner.id });
    const list = await callerFor(t.db, owner).version.list({ bandId: band.id, songId: song.id });
    expect(list.map((v) => v.number).sort()).toEqual([1, 2, 4]);
    expect(list.find((v) => v.id === next.id)?.number).toBe(4);
    expect(list.find((v) => v.id === take.id)?.number).toBe(1);
  });

  it("sets offsetSeconds within an hour either way, and shows it", async () => {
    const { band, member, take } = await bandWithTake();
    const caller = callerFor(t.db, member!);
    expect((await caller.version.get({ bandId: band.id, versionId: take.id })).offsetSeconds).toBe(0);
    expect((await caller.version.update({ bandId: band.id, versionId: take.id, offsetSeconds: -2.25 })).offsetSeconds).toBe(-2.25);
    for (const offsetSeconds of [3601, -3601, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect((await rejection(caller.version.update({ bandId: band.id, versionId: take.id, offsetSeconds }))).code).toBe("BAD_REQUEST");
    }
  });
});

describe("version.retryProcessing", () => {
  const jobsFor = (versionId: string) =>
    t.db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'process-take' AND data->>'versionId' = ${versionId}`;

  it("puts a FAILED take back in line with a job, for its uploader or an admin", async () => {
    const { band, admin, member, other, take } = await bandWithTake();
    await t.db.version.update({ where: { id: take.id }, data: { processing: "FAILED", processingError: "The audio could not be decoded.", processingAttempts: 3 } });

    const view = await callerFor(t.db, member!).version.get({ bandId: band.id, versionId: take.id });
    expect(view).toMatchObject({ processing: "FAILED", processingError: "The audio could not be decoded.", canRetryProcessing: true });
    expect((await callerFor(t.db, other).version.get({ bandId: band.id, versionId: take.id })).canRetryProcessing).toBe(false);

    const refused = await rejection(callerFor(t.db, other).version.retryProcessing({ bandId: band.id, versionId: take.id }));
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    expect(await jobsFor(take.id)).toEqual([]);

    const retried = await callerFor(t.db, member!).version.retryProcessing({ bandId: band.id, versionId: take.id });
    expect(retried).toMatchObject({ processing: "PENDING", processingError: null, canRetryProcessing: false });
    expect(await jobsFor(take.id)).toEqual([{ state: "created" }]);

    // Not FAILED any more: a second retry (by an admin too) is a conflict and queues nothing.
    expect(await rejection(callerFor(t.db, admin!).version.retryProcessing({ bandId: band.id, versionId: take.id }))).toMatchObject({ code: "CONFLICT" });
    expect(await jobsFor(take.id)).toHaveLength(1);
    await t.db.version.update({ where: { id: take.id }, data: { processing: "FAILED" } });
    expect(await callerFor(t.db, admin!).version.retryProcessing({ bandId: band.id, versionId: take.id })).toMatchObject({ processing: "PENDING" });
  });

  it("is a conflict for a take that did not fail", async () => {
    const { band, member, take } = await bandWithTake();
    for (const processing of ["PENDING", "PROCESSING", "READY"] as const) {
      await t.db.version.update({ where: { id: take.id }, data: { processing } });
      expect(await rejection(callerFor(t.db, member!).version.retryProcessing({ bandId: band.id, versionId: take.id }))).toMatchObject({ code: "CONFLICT" });
    }
  });
});
