import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { createTake } from "@/test/takes";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("song.create / song.list", () => {
  it("any member creates a song; the list has take counts and the latest take's date, most recent first", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const api = callerFor(t.db, member!);
    const quiet = await api.song.create({ bandId: band.id, title: "  Quiet One  " });
    expect(quiet).toMatchObject({ title: "Quiet One", archivedAt: null, versionCount: 0, latestVersionAt: null });
    const loud = await api.song.create({ bandId: band.id, title: "Loud One" });
    expect((await t.db.song.findUniqueOrThrow({ where: { id: loud.id } })).createdById).toBe(member!.id);

    await createTake(t.db, { bandId: band.id, songId: quiet.id, uploaderId: null, createdAt: new Date("2030-01-01T10:00:00Z") });
    await createTake(t.db, { bandId: band.id, songId: quiet.id, uploaderId: null, createdAt: new Date("2030-01-02T10:00:00Z") });

    const list = await api.song.list({ bandId: band.id });
    expect(list.map((s) => [s.title, s.versionCount])).toEqual([
      ["Quiet One", 2],
      ["Loud One", 0],
    ]);
    expect(list[0]!.latestVersionAt).toEqual(new Date("2030-01-02T10:00:00Z"));
    expect(list[1]!.latestVersionAt).toBeNull();
  });

  it("validates the title", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    expect(await rejection(api.song.create({ bandId: band.id, title: "   " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.song.create({ bandId: band.id, title: "x".repeat(121) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.song.count({ where: { bandId: band.id } })).toBe(0);
  });

  it("only shows the caller's band's songs, and refuses strangers and anonymous callers", async () => {
    const a = await createBandWith(t.db);
    const b = await createBandWith(t.db);
    await callerFor(t.db, a.owner).song.create({ bandId: a.band.id, title: "A's song" });
    await callerFor(t.db, b.owner).song.create({ bandId: b.band.id, title: "B's song" });
    expect((await callerFor(t.db, a.owner).song.list({ bandId: a.band.id })).map((s) => s.title)).toEqual(["A's song"]);

    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, stranger).song.list({ bandId: a.band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, stranger).song.create({ bandId: a.band.id, title: "Sneaky" }))).toMatchObject({ reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, null).song.list({ bandId: a.band.id }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.song.count({ where: { title: "Sneaky" } })).toBe(0);
  });
});

describe("song.get / song.update", () => {
  it("renames, archives (hidden from the default list) and unarchives", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const api = callerFor(t.db, member!);
    const song = await api.song.create({ bandId: band.id, title: "Working title" });

    expect(await api.song.update({ bandId: band.id, songId: song.id, title: "Final Title" })).toMatchObject({ title: "Final Title", archivedAt: null });
    const archived = await api.song.update({ bandId: band.id, songId: song.id, archived: true });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await api.song.list({ bandId: band.id })).toEqual([]);
    expect((await api.song.list({ bandId: band.id, includeArchived: true })).map((s) => s.id)).toEqual([song.id]);
    expect(await api.song.get({ bandId: band.id, songId: song.id })).toMatchObject({ title: "Final Title", versionCount: 0 });

    await api.song.update({ bandId: band.id, songId: song.id, archived: false });
    expect((await api.song.list({ bandId: band.id })).map((s) => s.id)).toEqual([song.id]);
  });

  it("refuses an update with nothing to change", async () => {
    const { band, owner } = await createBandWith(t.db);
    const song = await callerFor(t.db, owner).song.create({ bandId: band.id, title: "Song" });
    expect(await rejection(callerFor(t.db, owner).song.update({ bandId: band.id, songId: song.id }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("another band's song id is NOT_FOUND through my band, and nothing of it changes", async () => {
    const mine = await createBandWith(t.db);
    const theirs = await createBandWith(t.db);
    const foreign = await callerFor(t.db, theirs.owner).song.create({ bandId: theirs.band.id, title: "Their song" });
    const api = callerFor(t.db, mine.owner);

    expect(await rejection(api.song.get({ bandId: mine.band.id, songId: foreign.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.song.update({ bandId: mine.band.id, songId: foreign.id, title: "Hijacked" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.song.update({ bandId: mine.band.id, songId: foreign.id, archived: true }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.song.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ title: "Their song", archivedAt: null });
    // Not a member of theirs: refused before any lookup.
    expect(await rejection(api.song.get({ bandId: theirs.band.id, songId: foreign.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  });
});
