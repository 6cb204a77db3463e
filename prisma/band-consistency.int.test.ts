import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStorage } from "@/test/audio-test-kit";
import { callerFor, createBandWith } from "@/test/callers";
import { createTake } from "@/test/takes";
import { createTestDatabase } from "@/test/test-database";

// That a take is in its song's band, a comment in its take's band and a best
// take one of its song's own takes is held by the database itself (composite
// foreign keys), not only by the procedures that happen to write those rows.

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let ours: Awaited<ReturnType<typeof createBandWith>>;
let theirs: Awaited<ReturnType<typeof createBandWith>>;

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  ours = await createBandWith(t.db);
  theirs = await createBandWith(t.db);
});
afterAll(async () => {
  await t?.close();
  storage?.cleanup();
});

const FOREIGN_KEY = /foreign key|Foreign key constraint|violates foreign key constraint|P2003/i;

async function song(bandId: string, title = "Song") {
  return t.db.song.create({ data: { bandId, title } });
}

async function versionRow(bandId: string, songId: string) {
  return createTake(t.db, { bandId, songId, uploaderId: null });
}

describe("the database refuses rows that cross bands", () => {
  it("a take whose band is not its song's band (Prisma and raw SQL)", async () => {
    const ourSong = await song(ours.band.id);
    await expect(versionRow(theirs.band.id, ourSong.id)).rejects.toThrow(FOREIGN_KEY);
    await expect(
      t.db.$executeRaw`INSERT INTO "Version" ("id", "bandId", "songId", "storageKey", "originalName", "contentType", "sizeBytes", "updatedAt")
        VALUES ('crossband1', ${theirs.band.id}, ${ourSong.id}, 'k/crossband1', 'x.wav', 'audio/wav', 1, now())`,
    ).rejects.toThrow(FOREIGN_KEY);
    expect(await t.db.version.count({ where: { songId: ourSong.id } })).toBe(0);
  });

  it("moving a take's band away from its song's band", async () => {
    const take = await versionRow(ours.band.id, (await song(ours.band.id)).id);
    await expect(t.db.version.update({ where: { id: take.id }, data: { bandId: theirs.band.id } })).rejects.toThrow(FOREIGN_KEY);
  });

  it("a comment whose band is not its take's band", async () => {
    const take = await versionRow(ours.band.id, (await song(ours.band.id)).id);
    await expect(t.db.comment.create({ data: { bandId: theirs.band.id, versionId: take.id, body: "cross" } })).rejects.toThrow(FOREIGN_KEY);
    await expect(
      t.db.$executeRaw`INSERT INTO "Comment" ("id", "bandId", "versionId", "body", "updatedAt") VALUES ('crossband2', ${theirs.band.id}, ${take.id}, 'cross', now())`,
    ).rejects.toThrow(FOREIGN_KEY);
    expect(await t.db.comment.count({ where: { versionId: take.id } })).toBe(0);
  });

  it("a best take that is another song's take, even in the same band", async () => {
    const first = await song(ours.band.id, "First");
    const second = await song(ours.band.id, "Second");
    const secondsTake = await versionRow(ours.band.id, second.id);
    await expect(t.db.song.update({ where: { id: first.id }, data: { bestVersionId: secondsTake.id } })).rejects.toThrow(FOREIGN_KEY);
    await expect(t.db.$executeRaw`UPDATE "Song" SET "bestVersionId" = ${secondsTake.id} WHERE "id" = ${first.id}`).rejects.toThrow(FOREIGN_KEY);
    expect((await t.db.song.findUniqueOrThrow({ where: { id: first.id } })).bestVersionId).toBeNull();
  });

  it("rows within one band and song are accepted", async () => {
    const s = await song(ours.band.id);
    const take = await versionRow(ours.band.id, s.id);
    await t.db.comment.create({ data: { bandId: ours.band.id, versionId: take.id, body: "fine" } });
    await t.db.song.update({ where: { id: s.id }, data: { bestVersionId: take.id } });
    expect((await t.db.song.findUniqueOrThrow({ where: { id: s.id } })).bestVersionId).toBe(take.id);
  });
});

describe("deletes still work as before", () => {
  it("deleting the best take clears only the song's pointer: the song stays", async () => {
    const s = await song(ours.band.id);
    const best = await versionRow(ours.band.id, s.id);
    const other = await versionRow(ours.band.id, s.id);
    await callerFor(t.db, ours.owner).version.update({ bandId: ours.band.id, versionId: best.id, isBest: true });
    await callerFor(t.db, ours.owner).version.delete({ bandId: ours.band.id, versionId: best.id });
    const after = await t.db.song.findUniqueOrThrow({ where: { id: s.id } });
    expect(after).toMatchObject({ id: s.id, bestVersionId: null, bandId: ours.band.id });
    expect(await t.db.version.findMany({ where: { songId: s.id }, select: { id: true } })).toEqual([{ id: other.id }]);
  });

  it("a raw DELETE of the best take also just clears the pointer", async () => {
    const s = await song(ours.band.id);
    const best = await versionRow(ours.band.id, s.id);
    await t.db.song.update({ where: { id: s.id }, data: { bestVersionId: best.id } });
    await t.db.$executeRaw`DELETE FROM "Version" WHERE "id" = ${best.id}`;
    expect(await t.db.song.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ id: s.id, bestVersionId: null });
  });

  it("deleting a song with a best take and comments removes its takes and their comments", async () => {
    const s = await song(ours.band.id);
    const best = await versionRow(ours.band.id, s.id);
    await t.db.comment.create({ data: { bandId: ours.band.id, versionId: best.id, body: "nice" } });
    await t.db.song.update({ where: { id: s.id }, data: { bestVersionId: best.id } });
    await t.db.song.delete({ where: { id: s.id } });
    expect(await t.db.version.count({ where: { id: best.id } })).toBe(0);
    expect(await t.db.comment.count({ where: { versionId: best.id } })).toBe(0);
  });

  it("deleting a band with songs, best takes and comments (band.delete) removes it all", async () => {
    const doomed = await createBandWith(t.db);
    const s = await song(doomed.band.id);
    const best = await versionRow(doomed.band.id, s.id);
    await t.db.comment.create({ data: { bandId: doomed.band.id, versionId: best.id, body: "bye" } });
    await t.db.song.update({ where: { id: s.id }, data: { bestVersionId: best.id } });
    await callerFor(t.db, doomed.owner).band.delete({ bandId: doomed.band.id });
    expect(await t.db.song.count({ where: { bandId: doomed.band.id } })).toBe(0);
    expect(await t.db.version.count({ where: { bandId: doomed.band.id } })).toBe(0);
    expect(await t.db.comment.count({ where: { bandId: doomed.band.id } })).toBe(0);
  });
});
