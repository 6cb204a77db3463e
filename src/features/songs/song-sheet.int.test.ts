import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("song.update: the song sheet", () => {
  it("any member sets key, tempo, status, lyrics and notes; lyrics keep their whitespace; empty clears", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const api = callerFor(t.db, member!);
    const song = await api.song.create({ bandId: band.id, title: "Sheet" });
    expect(song).toMatchObject({ key: null, tempoBpm: null, status: "IDEA", lyrics: null, notes: null });

    const lyrics = "Am        F\r\n  Walking down   the line\n\n\tG   C\nAnd back";
    const updated = await api.song.update({ bandId: band.id, songId: song.id, key: "F#m", tempoBpm: 128, status: "LEARNING", lyrics, notes: "Watch the stop at 2:10" });
    // Only the outer blank is trimmed and CRLF becomes LF: chord lines stay as written.
    expect(updated).toMatchObject({ key: "F#m", tempoBpm: 128, status: "LEARNING", lyrics: "Am        F\n  Walking down   the line\n\n\tG   C\nAnd back", notes: "Watch the stop at 2:10" });
    expect(await api.song.get({ bandId: band.id, songId: song.id })).toMatchObject({ key: "F#m", tempoBpm: 128, status: "LEARNING" });
    expect((await api.song.list({ bandId: band.id }))[0]).toMatchObject({ status: "LEARNING", key: "F#m" });

    // Only what is given changes.
    expect(await api.song.update({ bandId: band.id, songId: song.id, status: "READY" })).toMatchObject({ status: "READY", key: "F#m", tempoBpm: 128 });
    expect(await api.song.update({ bandId: band.id, songId: song.id, key: "  ", tempoBpm: null, lyrics: "", notes: "" })).toMatchObject({
      key: null,
      tempoBpm: null,
      lyrics: null,
      notes: null,
      status: "READY",
    });
  });

  it("refuses a bad tempo, status, key or too long lyrics, and changes nothing", async () => {
    const { band, owner } = await createBandWith(t.db);
    const api = callerFor(t.db, owner);
    const song = await api.song.create({ bandId: band.id, title: "Strict" });
    for (const bad of [
      { tempoBpm: 19 },
      { tempoBpm: 401 },
      { tempoBpm: 120.5 },
      { status: "DONE" },
      { key: "x".repeat(21) },
      { key: "F\u0000" },
      { lyrics: "la ".repeat(6667) + "la" },
    ]) {
      expect(await rejection(api.song.update({ bandId: band.id, songId: song.id, ...(bad as object) }))).toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await t.db.song.findUniqueOrThrow({ where: { id: song.id } })).toMatchObject({ tempoBpm: null, status: "IDEA", key: null, lyrics: null });
    // The limits themselves are fine.
    expect(await api.song.update({ bandId: band.id, songId: song.id, tempoBpm: 20, lyrics: "a".repeat(20000) })).toMatchObject({ tempoBpm: 20 });
    expect(await api.song.update({ bandId: band.id, songId: song.id, tempoBpm: 400 })).toMatchObject({ tempoBpm: 400 });
  });
});
