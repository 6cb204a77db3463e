import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { createSong, seedTake, useTempStorage } from "@/test/audio-test-kit";
import type { SessionUser } from "@/server/auth/session";
import type { Mail } from "@/server/mail/mailer";
import { callerFor, createBandWith } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { runDailyDigest } from "./daily-digest";
import { runNotifyDeliveryJob, runNotifyJob } from "./notify.job";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  storage?.cleanup();
});

function outbox() {
  const mails: Mail[] = [];
  return { mails, send: async (mail: Mail) => void mails.push(mail) };
}

/** Every link to a song page in a mail's text part, and the targets of the HTML part's links. */
function songLinks(mail: Mail): { text: string[]; html: string[] } {
  const text = mail.text.match(/https?:\/\/\S+\/songs\/\S+/g) ?? [];
  const html = [...mail.html.matchAll(/href="([^"]+\/songs\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  return { text, html };
}

/** A band with a song of two takes: the owner commented; the admin writes the news. */
async function bandWithTwoTakes() {
  const b = await createBandWith(t.db, { admin: true });
  await t.db.user.update({ where: { id: b.owner.id }, data: { name: "Olive Owner" } });
  await t.db.user.update({ where: { id: b.admin!.id }, data: { name: "Ada Admin" } });
  const song = await createSong(t.db, b.band.id, "Night Drive");
  const first = await seedTake(t.db, { bandId: b.band.id, songId: song.id, uploader: b.owner, bytes: Buffer.from("RIFF one") });
  const second = await seedTake(t.db, { bandId: b.band.id, songId: song.id, uploader: b.owner, bytes: Buffer.from("RIFF two") });
  return { ...b, songId: song.id, first: first.version.id, second: second.version.id };
}

const comment = (data: { bandId: string; versionId: string; author: SessionUser; body: string; atSeconds?: number; endSeconds?: number; parentId?: string }) =>
  t.db.comment.create({
    data: { bandId: data.bandId, versionId: data.versionId, authorId: data.author.id, body: data.body, atSeconds: data.atSeconds, endSeconds: data.endSeconds, parentId: data.parentId },
  });

describe("links in mail open the exact take, moment and comment", () => {
  it("a single mention links to its take at its moment, with the comment's anchor", async () => {
    const b = await bandWithTwoTakes();
    const c = await comment({ bandId: b.band.id, versionId: b.first, author: b.admin!, body: "@Olive listen at the drop", atSeconds: 130.04 });
    const out = outbox();
    await runNotifyJob({ kind: "mention", commentId: c.id, userIds: [b.owner.id] }, { db: t.db, send: out.send });
    await runNotifyDeliveryJob({ userId: b.owner.id, category: "MENTIONS" }, { db: t.db, send: out.send });
    expect(out.mails).toHaveLength(1);
    const expected = `${env().appUrl}/bands/${b.band.id}/songs/${b.songId}?take=${b.first}&t=130#comment-${c.id}`;
    const links = songLinks(out.mails[0]!);
    expect(links.text).toEqual([expected]);
    expect(links.html).toEqual([expected]);
  });

  it("a grouped mail links each comment to its own take and moment; a reply opens at its parent's moment; a passage carries its end", async () => {
    const b = await bandWithTwoTakes();
    const mine = await comment({ bandId: b.band.id, versionId: b.second, author: b.owner, body: "Bridge drags", atSeconds: 45 });
    const reply = await comment({ bandId: b.band.id, versionId: b.second, author: b.admin!, body: "Agreed", parentId: mine.id });
    const general = await comment({ bandId: b.band.id, versionId: b.first, author: b.owner, body: "Nice take overall" });
    const answer = await comment({ bandId: b.band.id, versionId: b.first, author: b.admin!, body: "Thanks", parentId: general.id });
    const passage = await comment({ bandId: b.band.id, versionId: b.first, author: b.owner, body: "Solo", atSeconds: 60, endSeconds: 75.5 });
    const onPassage = await comment({ bandId: b.band.id, versionId: b.first, author: b.admin!, body: "Let me redo it", parentId: passage.id });
    const out = outbox();
    for (const [r, parent] of [[reply, mine], [answer, general], [onPassage, passage]] as const) {
      await runNotifyJob({ kind: "reply", commentId: r.id, parentId: parent.id }, { db: t.db, send: out.send });
    }
    await runNotifyDeliveryJob({ userId: b.owner.id, category: "REPLIES" }, { db: t.db, send: out.send });
    expect(out.mails.map((m) => m.subject)).toEqual(["3 replies to your comments"]);
    const song = `${env().appUrl}/bands/${b.band.id}/songs/${b.songId}`;
    const expected = [
      `${song}?take=${b.second}&t=45#comment-${reply.id}`,
      `${song}?take=${b.first}#comment-${answer.id}`,
      `${song}?take=${b.first}&t=60&end=75.5#comment-${onPassage.id}`,
    ];
    const links = songLinks(out.mails[0]!);
    expect(links.text).toEqual(expected);
    expect(links.html).toEqual(expected);
  });

  it("a new take's mail opens that take; the daily digest links each item like the instant mails", async () => {
    const b = await bandWithTwoTakes();
    await callerFor(t.db, b.admin!).notification.update({ takes: "INSTANT" });
    await callerFor(t.db, b.owner).notification.update({ mentions: "DAILY" });
    const song = `${env().appUrl}/bands/${b.band.id}/songs/${b.songId}`;

    const takeMail = outbox();
    await runNotifyJob({ kind: "take", versionId: b.second }, { db: t.db, send: takeMail.send });
    const toAdmin = takeMail.mails.filter((m) => m.to === b.admin!.email);
    expect(toAdmin).toHaveLength(1);
    expect(songLinks(toAdmin[0]!)).toEqual({ text: [`${song}?take=${b.second}`], html: [`${song}?take=${b.second}`] });

    const c = await comment({ bandId: b.band.id, versionId: b.second, author: b.admin!, body: "@Olive the count-in at 0:12", atSeconds: 12 });
    await runNotifyJob({ kind: "mention", commentId: c.id, userIds: [b.owner.id] }, { db: t.db, send: outbox().send });
    const digest = outbox();
    await runDailyDigest({ db: t.db, now: () => new Date(Date.now() + 1000), send: digest.send });
    const mine = digest.mails.filter((m) => m.to === b.owner.email);
    expect(mine).toHaveLength(1);
    const expected = `${song}?take=${b.second}&t=12#comment-${c.id}`;
    expect(songLinks(mine[0]!)).toEqual({ text: [expected], html: [expected] });
  });
});
