import { describe, expect, it } from "vitest";
import { callerFor, createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { rejection } from "@/test/trpc-rejection";

/**
 * What the offline app sends when the network returns goes through the same
 * procedures as any other call: a mark or marker queued by someone removed
 * from the band meanwhile is refused (403), and the checks of saved items
 * (setlist.get, version.list) answer 403 / 404 so the browser drops them.
 */
const t = databaseWithStorage("rh-offline-");

async function bandWithSavedSet() {
  const setup = await createBandWith(t.db, { member: true });
  const api = callerFor(t.db, setup.member!);
  const song = await api.song.create({ bandId: setup.band.id, title: "Basement blues" });
  const take = await createTake(t.db, { bandId: setup.band.id, songId: song.id, uploaderId: setup.owner.id, durationSeconds: 60 });
  const setlist = await api.setlist.create({ bandId: setup.band.id, name: "Friday" });
  await api.setlist.setSongs({ bandId: setup.band.id, setlistId: setlist.id, songIds: [song.id] });
  return { ...setup, api, song, take, setlist };
}

describe("actions queued offline, sent after a removal", () => {
  it("a member's queued readiness mark and practice marker are accepted while they are in the band", async () => {
    const { band, api, song, take } = await bandWithSavedSet();
    expect(await api.readiness.set({ bandId: band.id, songId: song.id, ready: true })).toMatchObject({ ready: true });
    expect(await api.marker.create({ bandId: band.id, songId: song.id, versionId: take.id, atSeconds: 20, label: "Bridge" })).toMatchObject({ label: "Bridge" });
  });

  it("once removed from the band, the same queued calls are refused with 403 and change nothing", async () => {
    const { band, api, song, take, member } = await bandWithSavedSet();
    await t.db.bandMember.deleteMany({ where: { bandId: band.id, userId: member!.id } });
    expect(await rejection(api.readiness.set({ bandId: band.id, songId: song.id, ready: true }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(api.marker.create({ bandId: band.id, songId: song.id, versionId: take.id, atSeconds: 20, label: "Bridge" }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await t.db.songReadiness.count({ where: { songId: song.id, userId: member!.id } })).toBe(0);
    expect(await t.db.practiceMarker.count({ where: { songId: song.id } })).toBe(0);
  });

  it("the checks of a saved setlist and song answer FORBIDDEN after a removal and NOT_FOUND after a deletion", async () => {
    const { band, api, song, setlist, member, owner } = await bandWithSavedSet();
    expect((await api.setlist.get({ bandId: band.id, setlistId: setlist.id })).songs).toHaveLength(1);
    await callerFor(t.db, owner).setlist.delete({ bandId: band.id, setlistId: setlist.id });
    expect(await rejection(api.setlist.get({ bandId: band.id, setlistId: setlist.id }))).toMatchObject({ code: "NOT_FOUND" });
    await t.db.bandMember.deleteMany({ where: { bandId: band.id, userId: member!.id } });
    expect(await rejection(api.version.list({ bandId: band.id, songId: song.id }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
