import { afterAll, beforeAll, expect, it } from "vitest";
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

it("setlist changes and comments reach the feed; unread counts others' news until the activity is opened", async () => {
  const { band, owner, member } = await createBandWith(t.db, { member: true });
  const alice = callerFor(t.db, owner);
  const bob = callerFor(t.db, member!);
  // Both open the activity once: from here on, only what follows is news.
  await alice.activity.markSeen({ bandId: band.id });
  await bob.activity.markSeen({ bandId: band.id });
  expect(await bob.activity.unread({ bandId: band.id })).toEqual({ count: 0 });

  const set = await alice.setlist.create({ bandId: band.id, name: "Friday gig" });
  // Saves right after are the same edit session: one line, not one per save.
  await alice.setlist.update({ bandId: band.id, setlistId: set.id, name: "Friday gig" });
  expect(await bob.activity.unread({ bandId: band.id })).toEqual({ count: 1 });
  expect(await alice.activity.unread({ bandId: band.id })).toEqual({ count: 0 }); // my own doings are not news to me

  const song = await alice.song.create({ bandId: band.id, title: "Harbour" });
  const take = await t.db.version.create({
    data: { bandId: band.id, songId: song.id, uploaderId: owner.id, storageKey: "k", originalName: "a.wav", contentType: "audio/wav", sizeBytes: 1n },
  });
  await alice.comment.create({ bandId: band.id, versionId: take.id, body: "Listen to the outro" });
  await alice.version.update({ bandId: band.id, versionId: take.id, isBest: true });
  await alice.version.update({ bandId: band.id, versionId: take.id, isBest: true }); // already best: no second line

  const feed = await bob.activity.list({ bandId: band.id });
  const news = feed.items.filter((i) => i.isNew).map((i) => [i.type, i.subject]);
  expect(news).toEqual([
    ["BEST_TAKE_PICKED", "Harbour"],
    ["COMMENT_ADDED", "Harbour"],
    ["SETLIST_CREATED", "Friday gig"],
  ]);
  expect(await bob.activity.unread({ bandId: band.id })).toEqual({ count: 3 });

  await bob.activity.markSeen({ bandId: band.id });
  expect(await bob.activity.unread({ bandId: band.id })).toEqual({ count: 0 });
  // Within the same visit the feed still marks what was new when it began.
  expect((await bob.activity.list({ bandId: band.id })).items.filter((i) => i.isNew)).toHaveLength(3);
});

it("refuses outsiders", async () => {
  const a = await createBandWith(t.db);
  const b = await createBandWith(t.db);
  expect(await rejection(callerFor(t.db, b.owner).activity.unread({ bandId: a.band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  expect(await rejection(callerFor(t.db, b.owner).activity.markSeen({ bandId: a.band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
});

it("a comment's line carries where it sits in its take (a reply its parent's moment); a deleted comment's only its take", async () => {
  const { band, owner, member } = await createBandWith(t.db, { member: true });
  const alice = callerFor(t.db, owner);
  const bob = callerFor(t.db, member!);
  const song = await alice.song.create({ bandId: band.id, title: "Harbour" });
  const take = await t.db.version.create({
    data: { bandId: band.id, songId: song.id, uploaderId: owner.id, storageKey: "k2", originalName: "a.wav", contentType: "audio/wav", sizeBytes: 1n, durationSeconds: 200 },
  });
  const moment = await alice.comment.create({ bandId: band.id, versionId: take.id, body: "Outro drags", atSeconds: 130, endSeconds: 140 });
  const reply = await bob.comment.create({ bandId: band.id, versionId: take.id, body: "Agreed", parentId: moment.id });
  const gone = await bob.comment.create({ bandId: band.id, versionId: take.id, body: "Typo", atSeconds: 3 });
  await bob.comment.delete({ bandId: band.id, commentId: gone.id });

  const lines = (await alice.activity.list({ bandId: band.id })).items.filter((i) => i.type.startsWith("COMMENT"));
  expect(lines.map((i) => ({ type: i.type, versionId: i.versionId, commentId: i.commentId, atSeconds: i.atSeconds, endSeconds: i.endSeconds }))).toEqual([
    { type: "COMMENT_ADDED", versionId: take.id, commentId: null, atSeconds: null, endSeconds: null },
    { type: "COMMENT_REPLIED", versionId: take.id, commentId: reply.id, atSeconds: 130, endSeconds: 140 },
    { type: "COMMENT_ADDED", versionId: take.id, commentId: moment.id, atSeconds: 130, endSeconds: 140 },
  ]);
});
