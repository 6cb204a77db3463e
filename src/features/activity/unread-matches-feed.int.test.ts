import { afterAll, beforeAll, expect, it } from "vitest";
import { tokenOf, useTempOutbox } from "@/features/invites/testing/invite-test-kit";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";

/** The dashboard's and the tabs' unread count is the number of lines the feed marks new: one definition, whatever the mix. */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outbox: ReturnType<typeof useTempOutbox>;
beforeAll(async () => {
  outbox = useTempOutbox();
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  outbox?.cleanup();
});

it("activity.unread equals the feed's new lines: joins collapsed into one line, my own doings left out", async () => {
  const { band, owner, member } = await createBandWith(t.db, { member: true });
  const alice = callerFor(t.db, owner);
  const bob = callerFor(t.db, member!);
  await bob.activity.markSeen({ bandId: band.id });
  // Bob's visit is long over: the next open is a new visit, so the feed's "new since" is that visit's end.
  await t.db.bandVisit.update({ where: { userId_bandId: { userId: member!.id, bandId: band.id } }, data: { seenAt: new Date(Date.now() - 60 * 60_000) } });

  // Others' news: a setlist, a song's take with a comment and a best-take pick.
  const set = await alice.setlist.create({ bandId: band.id, name: "Friday at the Crown" });
  const song = await alice.song.create({ bandId: band.id, title: "Harbour" });
  const take = await t.db.version.create({
    data: { bandId: band.id, songId: song.id, uploaderId: owner.id, storageKey: "k", originalName: "a.wav", contentType: "audio/wav", sizeBytes: 1n },
  });
  await alice.comment.create({ bandId: band.id, versionId: take.id, body: "Listen to the outro" });
  await alice.version.update({ bandId: band.id, versionId: take.id, isBest: true });
  // Two people join, one by invite and one by the band's link: two events each, one line each in the feed.
  const invitee = await createUser(t.db, "invitee");
  const { link: inviteLink } = await alice.invite.create({ bandId: band.id, email: invitee.email });
  await callerFor(t.db, invitee).invite.accept({ token: tokenOf(inviteLink) });
  const linkJoiner = await createUser(t.db, "linkjoiner");
  const { link: joinLink } = await alice.joinLink.create({ bandId: band.id, expiresInDays: 7, maxUses: 3 });
  await callerFor(t.db, linkJoiner).joinLink.join({ token: tokenOf(joinLink) });
  // Bob's own doings are never news to him.
  await bob.comment.create({ bandId: band.id, versionId: take.id, body: "Agreed" });
  await bob.setlist.update({ bandId: band.id, setlistId: set.id, name: "Friday at the Crown" });

  const unread = (await bob.activity.unread({ bandId: band.id })).count;
  const feed = await bob.activity.list({ bandId: band.id, limit: 50 });
  const newLines = feed.items.filter((line) => line.isNew);
  // Everything since the visit an hour ago (the band's creation too) by others, one line per join.
  expect(newLines.map((line) => line.type).sort()).toEqual([
    "BAND_CREATED",
    "BEST_TAKE_PICKED",
    "COMMENT_ADDED",
    "INVITE_ACCEPTED",
    "INVITE_CREATED",
    "JOIN_LINK_CREATED",
    "JOIN_LINK_USED",
    "SETLIST_CREATED",
  ]);
  expect(newLines.some((line) => line.type === "MEMBER_JOINED")).toBe(false);
  expect(unread).toBe(newLines.length);
  // And for the owner, whose own doings are most of it.
  const aliceUnread = (await alice.activity.unread({ bandId: band.id })).count;
  expect(aliceUnread).toBe((await alice.activity.list({ bandId: band.id, limit: 50 })).items.filter((line) => line.isNew).length);
});
