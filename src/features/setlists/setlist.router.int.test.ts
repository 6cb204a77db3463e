import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTake } from "@/test/takes";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

async function bandWithSongs() {
  const crew = await createBandWith(t.db, { member: true, admin: true });
  const api = callerFor(t.db, crew.member!);
  const [intro, ballad, closer] = await Promise.all(["Intro", "Ballad", "Closer"].map((title) => api.song.create({ bandId: crew.band.id, title })));
  return { ...crew, api, songs: { intro: intro!, ballad: ballad!, closer: closer! } };
}

describe("setlist.create / list / update / delete", () => {
  it("a member creates, renames, dates and notes a set; the list puts the soonest dated first, undated last", async () => {
    const { band, api, admin } = await bandWithSongs();
    const undated = await api.setlist.create({ bandId: band.id, name: "Someday" });
    const later = await api.setlist.create({ bandId: band.id, name: "Summer fair", performAt: new Date("2031-07-01T18:00:00Z") });
    const soon = await api.setlist.create({ bandId: band.id, name: "Friday at the Crown", performAt: new Date("2031-05-02T20:00:00Z") });
    expect(soon).toMatchObject({ name: "Friday at the Crown", notes: null });
    expect((await api.setlist.list({ bandId: band.id })).map((s) => s.id)).toEqual([soon.id, later.id, undated.id]);

    const changed = await api.setlist.update({ bandId: band.id, setlistId: undated.id, name: "Someday soon", notes: "Bring spare strings\nand the DI box", performAt: new Date("2031-04-01T19:00:00Z") });
    expect(changed).toMatchObject({ name: "Someday soon", notes: "Bring spare strings\nand the DI box" });
    expect(changed.performAt).toEqual(new Date("2031-04-01T19:00:00Z"));
    expect(await api.setlist.update({ bandId: band.id, setlistId: undated.id, performAt: null })).toMatchObject({ performAt: null, name: "Someday soon" });

    expect(await rejection(api.setlist.delete({ bandId: band.id, setlistId: later.id }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    await callerFor(t.db, admin!).setlist.delete({ bandId: band.id, setlistId: later.id });
    expect((await api.setlist.list({ bandId: band.id })).map((s) => s.name)).toEqual(["Friday at the Crown", "Someday soon"]);
    expect(await rejection(api.setlist.get({ bandId: band.id, setlistId: later.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates names, dates and notes", async () => {
    const { band, api } = await bandWithSongs();
    expect(await rejection(api.setlist.create({ bandId: band.id, name: "  " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.setlist.create({ bandId: band.id, name: "x".repeat(81) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.setlist.create({ bandId: band.id, name: "Bad date", performAt: "not a date" as never }))).toMatchObject({ code: "BAD_REQUEST" });
    const set = await api.setlist.create({ bandId: band.id, name: "Fine" });
    expect(await rejection(api.setlist.update({ bandId: band.id, setlistId: set.id }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.setlist.update({ bandId: band.id, setlistId: set.id, notes: "n".repeat(4001) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.setlist.count({ where: { bandId: band.id } })).toBe(1);
  });
});

describe("setlist.setSongs / setGigNotes / get", () => {
  it("keeps the order given, the takes' lengths and total, gig notes of songs that stay", async () => {
    const { band, api, member, songs } = await bandWithSongs();
    const best = await createTake(t.db, { bandId: band.id, songId: songs.intro.id, uploaderId: member!.id, durationSeconds: 95.4, createdAt: new Date("2030-01-01") });
    await createTake(t.db, { bandId: band.id, songId: songs.intro.id, uploaderId: member!.id, durationSeconds: 300, createdAt: new Date("2030-01-05") });
    await t.db.song.update({ where: { id: songs.intro.id }, data: { bestVersionId: best.id } });
    const latest = await createTake(t.db, { bandId: band.id, songId: songs.ballad.id, uploaderId: member!.id, durationSeconds: 240, createdAt: new Date("2030-01-02") });
    await api.song.update({ bandId: band.id, songId: songs.ballad.id, key: "Bb", tempoBpm: 72 });
    // Closer has no take yet.

    const set = await api.setlist.create({ bandId: band.id, name: "Gig" });
    expect(await api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.closer.id, songs.intro.id, songs.ballad.id] })).toMatchObject({
      songIds: [songs.closer.id, songs.intro.id, songs.ballad.id],
    });
    await api.setlist.setGigNotes({ bandId: band.id, setlistId: set.id, songId: songs.intro.id, notes: "Count in slow" });

    let view = await api.setlist.get({ bandId: band.id, setlistId: set.id });
    expect(view.songs.map((s) => s.title)).toEqual(["Closer", "Intro", "Ballad"]);
    expect(view.songs[0]).toMatchObject({ take: null, gigNotes: null });
    expect(view.songs[1]).toMatchObject({ take: { versionId: best.id, durationSeconds: 95.4, isBest: true }, gigNotes: "Count in slow" });
    expect(view.songs[2]).toMatchObject({ key: "Bb", tempoBpm: 72, take: { versionId: latest.id, isBest: false } });
    expect(view.total).toEqual({ seconds: 335, unknown: 1 });

    // Reorder and drop one: the notes stay with their song.
    await api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.intro.id, songs.closer.id] });
    view = await api.setlist.get({ bandId: band.id, setlistId: set.id });
    expect(view.songs.map((s) => [s.title, s.gigNotes])).toEqual([
      ["Intro", "Count in slow"],
      ["Closer", null],
    ]);
    expect((await api.setlist.list({ bandId: band.id }))[0]).toMatchObject({ songCount: 2 });

    await api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [] });
    expect((await api.setlist.get({ bandId: band.id, setlistId: set.id })).songs).toEqual([]);
    expect(await rejection(api.setlist.setGigNotes({ bandId: band.id, setlistId: set.id, songId: songs.intro.id, notes: "Gone" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses duplicates, another band's songs and another band's setlist, changing nothing", async () => {
    const { band, api, songs } = await bandWithSongs();
    const theirs = await createBandWith(t.db);
    const theirSong = await callerFor(t.db, theirs.owner).song.create({ bandId: theirs.band.id, title: "Theirs" });
    const theirSet = await callerFor(t.db, theirs.owner).setlist.create({ bandId: theirs.band.id, name: "Their set" });
    const set = await api.setlist.create({ bandId: band.id, name: "Mine" });
    await api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.intro.id] });

    expect(await rejection(api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.ballad.id, songs.ballad.id] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.ballad.id, theirSong.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.setlist.setSongs({ bandId: band.id, setlistId: theirSet.id, songIds: [songs.ballad.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.setlist.get({ bandId: band.id, setlistId: theirSet.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.setlist.update({ bandId: band.id, setlistId: theirSet.id, name: "Hijack" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await api.setlist.get({ bandId: band.id, setlistId: set.id })).songs.map((s) => s.songId)).toEqual([songs.intro.id]);
    expect(await t.db.setlistSong.count({ where: { setlistId: theirSet.id } })).toBe(0);
    expect((await t.db.setlist.findUniqueOrThrow({ where: { id: theirSet.id } })).name).toBe("Their set");
  });

  it("refuses outsiders and anonymous callers", async () => {
    const { band } = await bandWithSongs();
    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, stranger).setlist.list({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, null).setlist.create({ bandId: band.id, name: "Nope" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("readiness.set and the setlist's grid", () => {
  it("each member marks their own readiness; the grid and the not-ready count follow, for current members only", async () => {
    const { band, api, owner, member, admin, songs } = await bandWithSongs();
    const set = await api.setlist.create({ bandId: band.id, name: "Gig", performAt: new Date("2031-05-02T20:00:00Z") });
    await api.setlist.setSongs({ bandId: band.id, setlistId: set.id, songIds: [songs.intro.id, songs.ballad.id] });

    for (const user of [owner, member!, admin!]) await callerFor(t.db, user).readiness.set({ bandId: band.id, songId: songs.intro.id, ready: true });
    await api.readiness.set({ bandId: band.id, songId: songs.ballad.id, ready: true });
    expect(await api.readiness.set({ bandId: band.id, songId: songs.ballad.id, ready: false })).toEqual({ songId: songs.ballad.id, userId: member!.id, ready: false });
    await callerFor(t.db, owner).readiness.set({ bandId: band.id, songId: songs.ballad.id, ready: true });

    const view = await api.setlist.get({ bandId: band.id, setlistId: set.id });
    expect(view.members.map((m) => m.userId)).toEqual([owner.id, member!.id, admin!.id]);
    const grid = (songId: string) => view.songs.find((s) => s.songId === songId)!.readiness.map((r) => r.ready);
    expect(grid(songs.intro.id)).toEqual([true, true, true]);
    expect(grid(songs.ballad.id)).toEqual([true, false, false]);
    expect(view.notReadySongIds).toEqual([songs.ballad.id]);
    expect((await api.setlist.list({ bandId: band.id }))[0]).toMatchObject({ notReadyCount: 1 });

    // Someone who left no longer holds the set back.
    await t.db.bandMember.delete({ where: { bandId_userId: { bandId: band.id, userId: admin!.id } } });
    await api.readiness.set({ bandId: band.id, songId: songs.ballad.id, ready: true });
    expect((await api.setlist.get({ bandId: band.id, setlistId: set.id })).notReadySongIds).toEqual([]);
    expect((await api.setlist.list({ bandId: band.id }))[0]).toMatchObject({ notReadyCount: 0 });
  });

  it("refuses another band's song and outsiders", async () => {
    const { band, api } = await bandWithSongs();
    const theirs = await createBandWith(t.db);
    const theirSong = await callerFor(t.db, theirs.owner).song.create({ bandId: theirs.band.id, title: "Theirs" });
    expect(await rejection(api.readiness.set({ bandId: band.id, songId: theirSong.id, ready: true }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(api.readiness.set({ bandId: theirs.band.id, songId: theirSong.id, ready: true }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(api.readiness.set({ bandId: band.id, songId: theirSong.id, ready: "yes" as never }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.songReadiness.count({ where: { songId: theirSong.id } })).toBe(0);
  });
});
