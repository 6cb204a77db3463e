import { describe, expect, it } from "vitest";
import { callerFor, createBandWith } from "@/test/callers";
import { createTake } from "@/test/takes";
import { databaseWithStorage } from "@/test/database-with-storage";
import { rejection } from "@/test/trpc-rejection";

const t = databaseWithStorage("rh-markers-");

async function songWithTakes() {
  const setup = await createBandWith(t.db, { admin: true, member: true });
  const song = await callerFor(t.db, setup.owner).song.create({ bandId: setup.band.id, title: "Song" });
  const a = await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.owner.id, durationSeconds: 100 });
  const b = await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.owner.id, durationSeconds: 100 });
  await t.db.version.update({ where: { id: b.id }, data: { offsetSeconds: 3 } });
  return { ...setup, song, a, b };
}

describe("marker.create / marker.list / marker.delete", () => {
  it("stores a marker in song time (the take's offset taken off); only its creator lists it", async () => {
    const { band, member, owner, song, b } = await songWithTakes();
    const mine = callerFor(t.db, member!);
    const created = await mine.marker.create({ bandId: band.id, songId: song.id, versionId: b.id, atSeconds: 13, endSeconds: 23.5, label: " Solo " });
    expect(created).toMatchObject({ songSeconds: 10, endSongSeconds: 20.5, label: "Solo", versionId: b.id });
    await mine.marker.create({ bandId: band.id, songId: song.id, versionId: b.id, atSeconds: 4, label: "Intro" });
    expect((await mine.marker.list({ bandId: band.id, songId: song.id })).map((m) => [m.label, m.songSeconds])).toEqual([
      ["Intro", 1],
      ["Solo", 10],
    ]);
    expect(await callerFor(t.db, owner).marker.list({ bandId: band.id, songId: song.id })).toEqual([]);
  });

  it("validates label, times and the take, which must be this song's in this band", async () => {
    const { band, member, owner, song, a } = await songWithTakes();
    const api = callerFor(t.db, member!);
    const base = { bandId: band.id, songId: song.id, versionId: a.id };
    for (const bad of [{ atSeconds: 1, label: " " }, { atSeconds: -1, label: "x" }, { atSeconds: 101, label: "x" }, { atSeconds: 5, endSeconds: 5, label: "x" }, { atSeconds: 1, label: "x".repeat(81) }]) {
      expect(await rejection(api.marker.create({ ...base, ...bad })), JSON.stringify(bad)).toMatchObject({ code: "BAD_REQUEST" });
    }
    const otherSong = await callerFor(t.db, owner).song.create({ bandId: band.id, title: "Other" });
    expect(await rejection(api.marker.create({ ...base, songId: otherSong.id, atSeconds: 1, label: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    const elsewhere = await songWithTakes();
    expect(await rejection(api.marker.create({ bandId: band.id, songId: elsewhere.song.id, versionId: elsewhere.a.id, atSeconds: 1, label: "x" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await rejection(api.marker.list({ bandId: band.id, songId: elsewhere.song.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.practiceMarker.count({ where: { bandId: { in: [band.id, elsewhere.band.id] } } })).toBe(0);
  });

  it("only the creator deletes: the owner and admins get NOT_FOUND, and the marker stays", async () => {
    const { band, member, admin, owner, song, a } = await songWithTakes();
    const m = await callerFor(t.db, member!).marker.create({ bandId: band.id, songId: song.id, versionId: a.id, atSeconds: 2, label: "Here" });
    for (const other of [owner, admin!]) {
      expect(await rejection(callerFor(t.db, other).marker.delete({ bandId: band.id, markerId: m.id }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await t.db.practiceMarker.count({ where: { id: m.id } })).toBe(1);
    expect(await callerFor(t.db, member!).marker.delete({ bandId: band.id, markerId: m.id })).toEqual({ id: m.id });
    expect(await t.db.practiceMarker.count({ where: { id: m.id } })).toBe(0);
    expect(await rejection(callerFor(t.db, member!).marker.delete({ bandId: band.id, markerId: m.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("a marker outlives the take it was placed on", async () => {
    const { band, member, owner, song, a } = await songWithTakes();
    await callerFor(t.db, member!).marker.create({ bandId: band.id, songId: song.id, versionId: a.id, atSeconds: 2, label: "Keep" });
    await callerFor(t.db, owner).version.delete({ bandId: band.id, versionId: a.id });
    expect(await callerFor(t.db, member!).marker.list({ bandId: band.id, songId: song.id })).toMatchObject([{ label: "Keep" }]);
  });
});
