import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleUpload } from "@/features/takes/upload.handler";
import { createSong, useTempStorage } from "@/test/audio-test-kit";
import type { NotificationMode } from "@/generated/prisma/enums";
import type { SessionUser } from "@/server/auth/session";
import { NOTIFY_DELIVERY_QUEUE, NOTIFY_QUEUE, type NotifyDeliveryJob, type NotifyJob } from "@/server/jobs/queues";
import type { Mail } from "@/server/mail/mailer";
import { getStorage } from "@/server/storage";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";
import { makeWav } from "@/test/wav";
import { runDailyDigest } from "./daily-digest";
import { notify } from "./notify";
import { runNotifyDeliveryJob, runNotifyJob } from "./notify.job";
import { previewUnsubscribe, unsubscribe } from "./unsubscribe";

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

const wav = makeWav({ seconds: 1, sampleRate: 8_000, channels: 1 });
const BOUNDARY = "----notify-test";

/** A take uploaded exactly as the browser does it (the multipart route, its one transaction). */
async function upload(user: SessionUser, bandId: string, songId: string): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="take.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
    wav,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const request = new Request(`http://app.test/api/bands/${bandId}/songs/${songId}/versions`, {
    method: "POST",
    body: new Uint8Array(body),
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  });
  const response = await handleUpload(request, { db: t.db, user }, { bandId, songId }, { storage: getStorage(), maxUploadBytes: 10 * 1024 * 1024 });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const jobsAbout = (key: "versionId" | "commentId", id: string) =>
  t.db.$queryRaw<{ data: NotifyJob }[]>`SELECT data FROM pgboss.job WHERE name = ${NOTIFY_QUEUE} AND data->>${key} = ${id} ORDER BY created_on`;

const deliveriesFor = (userId: string) =>
  t.db.$queryRaw<{ data: NotifyDeliveryJob; singleton_key: string; delay: number }[]>`
    SELECT data, singleton_key, extract(epoch FROM start_after - created_on)::float8 AS delay
    FROM pgboss.job WHERE name = ${NOTIFY_DELIVERY_QUEUE} AND data->>'userId' = ${userId} ORDER BY created_on`;

function outbox() {
  const mails: Mail[] = [];
  return { mails, send: async (mail: Mail) => void mails.push(mail) };
}

async function choose(user: SessionUser, prefs: Partial<Record<"takes" | "replies" | "mentions", NotificationMode>>) {
  await callerFor(t.db, user).notification.update(prefs);
}

/** A band of four: owner, admin, the uploading member, and one more member. */
async function band() {
  const b = await createBandWith(t.db, { admin: true, member: true });
  const other = await createUser(t.db, "Kim Other");
  await t.db.bandMember.create({ data: { bandId: b.band.id, userId: other.id, role: "MEMBER" } });
  for (const [user, name] of [[b.owner, "Olive Owner"], [b.admin!, "Ada Admin"], [b.member!, "Max Member"]] as const) {
    await t.db.user.update({ where: { id: user.id }, data: { name } });
  }
  const song = await createSong(t.db, b.band.id, "Night Drive");
  return { ...b, other, songId: song.id };
}

describe("notification.get / notification.update", () => {
  it("starts from the defaults, changes only what is given, and is the caller's own", async () => {
    const a = await createUser(t.db, "a");
    const b = await createUser(t.db, "b");
    expect(await callerFor(t.db, a).notification.get()).toEqual({ takes: "DAILY", replies: "INSTANT", mentions: "INSTANT" });
    expect(await callerFor(t.db, a).notification.update({ takes: "INSTANT" })).toEqual({ takes: "INSTANT", replies: "INSTANT", mentions: "INSTANT" });
    expect(await callerFor(t.db, a).notification.update({ mentions: "OFF" })).toEqual({ takes: "INSTANT", replies: "INSTANT", mentions: "OFF" });
    expect(await callerFor(t.db, b).notification.get()).toEqual({ takes: "DAILY", replies: "INSTANT", mentions: "INSTANT" });
  });

  it("refuses bad input and anonymous callers", async () => {
    const a = await createUser(t.db, "a");
    const api = callerFor(t.db, a);
    for (const input of [{ takes: "WEEKLY" }, { takes: "instant" }, { other: "OFF" }]) {
      expect(await rejection(api.notification.update(input as never))).toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await rejection(callerFor(t.db, null).notification.get())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejection(callerFor(t.db, null).notification.update({ takes: "OFF" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("a new take", () => {
  it("is queued with the take's own transaction, and mails INSTANT members once, never the uploader", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    await choose(b.member!, { takes: "INSTANT" }); // the uploader: never told of their own take
    await choose(b.other, { takes: "OFF" });
    const versionId = await upload(b.member!, b.band.id, b.songId);

    const jobs = await jobsAbout("versionId", versionId);
    expect(jobs.map((j) => j.data)).toEqual([{ kind: "take", versionId }]);

    const out = outbox();
    expect(await runNotifyJob(jobs[0]!.data, { db: t.db, send: out.send })).toEqual({ sent: 1, queuedForDigest: 1 });
    expect(out.mails.map((m) => m.to)).toEqual([b.owner.email]);
    const mail = out.mails[0]!;
    expect(mail.subject).toBe("New take of Night Drive from Max Member");
    expect(mail.text).toContain("Max Member uploaded take 1 of \"Night Drive\"");
    expect(mail.text).not.toContain(b.member!.email);
    expect(mail.html).toContain("Max Member uploaded take 1");
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers?.["List-Unsubscribe"]).toMatch(/^<https?:\/\/[^>]+\/unsubscribe\/[A-Za-z0-9_-]{43}>$/);
    expect(mail.text).toContain(mail.headers!["List-Unsubscribe"]!.slice(1, -1));

    // The admin keeps the default (daily): recorded for the digest, not mailed.
    const rows = await t.db.notification.findMany({ where: { subjectId: versionId }, select: { userId: true, mode: true, sentAt: true } });
    expect(rows.map((r) => [r.userId, r.mode, r.sentAt !== null]).sort()).toEqual(
      [
        [b.owner.id, "INSTANT", true],
        [b.admin!.id, "DAILY", false],
      ].sort(),
    );

    // pg-boss runs a job again after a crash: nothing is sent twice.
    const again = outbox();
    expect(await runNotifyJob(jobs[0]!.data, { db: t.db, send: again.send })).toMatchObject({ sent: 0 });
    expect(again.mails).toEqual([]);
  });

  it("leaves no job when the transaction rolls back", async () => {
    const b = await band();
    const song = await createSong(t.db, b.band.id, "Rolled back");
    let versionId = "";
    await expect(
      t.db.$transaction(async (tx) => {
        const v = await tx.version.create({
          data: { bandId: b.band.id, songId: song.id, uploaderId: b.owner.id, storageKey: "x", originalName: "x.wav", contentType: "audio/wav", sizeBytes: 1n },
        });
        versionId = v.id;
        await notify.take(tx, { versionId: v.id });
        throw new Error("upload failed after the row");
      }),
    ).rejects.toThrow("upload failed");
    expect(await jobsAbout("versionId", versionId)).toEqual([]);
  });

  it("checks membership when sending: someone who left in the meantime gets nothing", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    await choose(b.admin!, { takes: "INSTANT" });
    const versionId = await upload(b.member!, b.band.id, b.songId);
    await callerFor(t.db, b.admin!).member.leave({ bandId: b.band.id });
    const out = outbox();
    await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: out.send });
    expect(out.mails.map((m) => m.to)).toEqual([b.owner.email]);
  });

  it("a failed send is put back, so the retried job sends it", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const failing = async () => {
      throw new Error("SMTP down");
    };
    await expect(runNotifyJob({ kind: "take", versionId }, { db: t.db, send: failing })).rejects.toThrow("SMTP down");
    const out = outbox();
    expect(await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: out.send })).toMatchObject({ sent: 1 });
    expect(out.mails.map((m) => m.to)).toEqual([b.owner.email]);
  });
});

describe("replies and mentions", () => {
  async function comment(bandId: string, versionId: string, author: SessionUser, body: string) {
    return t.db.comment.create({ data: { bandId, versionId, authorId: author.id, body } });
  }

  it("a reply mails the author of the comment replied to, unless they wrote the reply", async () => {
    const b = await band();
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const parent = await comment(b.band.id, versionId, b.owner, "The bridge drags");
    const reply = await comment(b.band.id, versionId, b.admin!, "Agreed, let's push it");
    await t.db.$transaction((tx) => notify.reply(tx, { commentId: reply.id, parentId: parent.id }));
    const [job] = await jobsAbout("commentId", reply.id);
    expect(job!.data).toEqual({ kind: "reply", commentId: reply.id, parentId: parent.id });

    const out = outbox();
    // Not mailed by the notify job itself: a delivery for that person is queued, a minute out.
    await runNotifyJob(job!.data, { db: t.db, send: out.send });
    expect(out.mails).toEqual([]);
    const [delivery] = await deliveriesFor(b.owner.id);
    expect(delivery).toMatchObject({ data: { userId: b.owner.id, category: "REPLIES" }, singleton_key: `REPLIES:${b.owner.id}` });
    expect(delivery!.delay).toBeGreaterThan(50);
    expect(delivery!.delay).toBeLessThanOrEqual(61);
    await runNotifyDeliveryJob(delivery!.data, { db: t.db, send: out.send });
    expect(out.mails.map((m) => [m.to, m.subject])).toEqual([[b.owner.email, "Ada Admin replied to you on Night Drive"]]);
    expect(out.mails[0]!.text).toContain('"Agreed, let\'s push it"');
    // Run again: nothing is left to send.
    expect(await runNotifyDeliveryJob(delivery!.data, { db: t.db, send: out.send })).toEqual({ sent: 0, items: 0 });
    expect(out.mails).toHaveLength(1);

    const own = await comment(b.band.id, versionId, b.owner, "Answering myself");
    const none = outbox();
    await runNotifyJob({ kind: "reply", commentId: own.id, parentId: parent.id }, { db: t.db, send: none.send });
    await runNotifyDeliveryJob({ userId: b.owner.id, category: "REPLIES" }, { db: t.db, send: none.send });
    expect(none.mails).toEqual([]);
  });

  it("a delivery reads the person's choice when it runs: switched to daily waits for the digest, off drops it", async () => {
    const b = await band();
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const c = await comment(b.band.id, versionId, b.member!, "@Olive @Kim listen");
    await runNotifyJob({ kind: "mention", commentId: c.id, userIds: [b.owner.id, b.other.id] }, { db: t.db, send: outbox().send });
    await choose(b.owner, { mentions: "DAILY" });
    await choose(b.other, { mentions: "OFF" });
    const out = outbox();
    for (const user of [b.owner, b.other]) await runNotifyDeliveryJob({ userId: user.id, category: "MENTIONS" }, { db: t.db, send: out.send });
    expect(out.mails).toEqual([]);
    const digest = outbox();
    await runDailyDigest({ db: t.db, now: () => new Date(Date.now() + 1000), send: digest.send });
    const mine = digest.mails.filter((m) => m.to === b.owner.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toContain("Max Member mentioned you");
    expect(digest.mails.some((m) => m.to === b.other.email && m.text.includes("mentioned you"))).toBe(false);
  });

  it("a mention mails the named members who want it, never the author or outsiders", async () => {
    const b = await band();
    const outsider = await createUser(t.db, "outsider");
    await choose(b.other, { mentions: "OFF" });
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const c = await comment(b.band.id, versionId, b.member!, "@Olive @Kim @Max have a listen");
    const out = outbox();
    await runNotifyJob({ kind: "mention", commentId: c.id, userIds: [b.owner.id, b.other.id, b.member!.id, outsider.id] }, { db: t.db, send: out.send });
    for (const user of [b.owner, b.other, b.member!, outsider]) await runNotifyDeliveryJob({ userId: user.id, category: "MENTIONS" }, { db: t.db, send: out.send });
    expect(out.mails.map((m) => [m.to, m.subject])).toEqual([[b.owner.email, "Max Member mentioned you on Night Drive"]]);
    expect(await notify.mention(t.db, { commentId: c.id, userIds: [] })).toBeNull();
  });
});

describe("comment.create and comment.update queue them", () => {
  it("a reply queues a reply job; its mentions queue one more, without the author replied to; an edit queues only who it newly names", async () => {
    const b = await band();
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const parent = await callerFor(t.db, b.owner).comment.create({ bandId: b.band.id, versionId, body: "The bridge drags" });
    const reply = await callerFor(t.db, b.admin!).comment.create({ bandId: b.band.id, versionId, parentId: parent.id, body: "@Olive Owner @Max Member agreed" });
    // Jobs sent in one transaction share their created_on: compare them as a set.
    const queued = async () => (await jobsAbout("commentId", reply.id)).map((j) => j.data);
    const first = await queued();
    expect(first).toHaveLength(2);
    expect(first).toEqual(
      expect.arrayContaining([
        { kind: "mention", commentId: reply.id, userIds: [b.member!.id] },
        { kind: "reply", commentId: reply.id, parentId: parent.id },
      ]),
    );

    await callerFor(t.db, b.admin!).comment.update({ bandId: b.band.id, commentId: reply.id, body: "@Olive Owner @Max Member @Kim Other agreed" });
    const afterEdit = await queued();
    expect(afterEdit).toHaveLength(3);
    expect(afterEdit).toEqual(
      expect.arrayContaining([
        { kind: "mention", commentId: reply.id, userIds: [b.member!.id] },
        { kind: "mention", commentId: reply.id, userIds: [b.other.id] },
        { kind: "reply", commentId: reply.id, parentId: parent.id },
      ]),
    );

    const plain = await callerFor(t.db, b.member!).comment.create({ bandId: b.band.id, versionId, body: "No one named here" });
    expect(await jobsAbout("commentId", plain.id)).toEqual([]);
  });
});

describe("the daily digest", () => {
  it("one mail across all my bands, each item once; nothing when there is nothing", async () => {
    const one = await band();
    const two = await band();
    // The admin of band one is also in band two.
    await t.db.bandMember.create({ data: { bandId: two.band.id, userId: one.admin!.id, role: "MEMBER" } });
    const reader = one.admin!;
    const first = await upload(one.member!, one.band.id, one.songId);
    const second = await upload(two.member!, two.band.id, two.songId);
    for (const versionId of [first, second]) await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: outbox().send });

    const out = outbox();
    const now = new Date(Date.now() + 1000);
    await runDailyDigest({ db: t.db, now: () => now, send: out.send });
    const mine = out.mails.filter((m) => m.to === reader.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe("Your bands today: 2 new things");
    expect(mine[0]!.text).toContain(`${one.band.name}:`);
    expect(mine[0]!.text).toContain(`${two.band.name}:`);
    expect(mine[0]!.text.match(/Max Member uploaded take \d of "Night Drive"/g)).toHaveLength(2);
    expect(mine[0]!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(out.mails.some((m) => m.to === one.member!.email)).toBe(false);

    const again = outbox();
    await runDailyDigest({ db: t.db, now: () => new Date(now.getTime() + 86_400_000), send: again.send });
    expect(again.mails.filter((m) => m.to === reader.email)).toEqual([]);
  });

  it("drops items of a band I have left, and what I turned off since", async () => {
    const b = await band();
    const versionId = await upload(b.member!, b.band.id, b.songId);
    await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: outbox().send });
    await callerFor(t.db, b.admin!).member.leave({ bandId: b.band.id });
    await choose(b.owner, { takes: "OFF" });
    const out = outbox();
    await runDailyDigest({ db: t.db, now: () => new Date(Date.now() + 1000), send: out.send });
    expect(out.mails.filter((m) => [b.admin!.email, b.owner.email, b.other.email].includes(m.to)).map((m) => m.to)).toEqual([b.other.email]);
  });

  it("a digest that fails to send goes out with the next run", async () => {
    const b = await band();
    const versionId = await upload(b.member!, b.band.id, b.songId);
    await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: outbox().send });
    const now = new Date(Date.now() + 1000);
    await runDailyDigest({
      db: t.db,
      now: () => now,
      send: async () => {
        throw new Error("SMTP down");
      },
    });
    const out = outbox();
    await runDailyDigest({ db: t.db, now: () => now, send: out.send });
    expect(out.mails.filter((m) => m.to === b.other.email)).toHaveLength(1);
  });
});

describe("unsubscribe links", () => {
  const tokenOf = (mail: Mail) => /\/unsubscribe\/([A-Za-z0-9_-]+)>/.exec(mail.headers!["List-Unsubscribe"]!)![1]!;

  it("looking changes nothing; using it turns off that category only, once", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    const versionId = await upload(b.member!, b.band.id, b.songId);
    const out = outbox();
    await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: out.send });
    const token = tokenOf(out.mails[0]!);

    expect(await previewUnsubscribe(t.db, token)).toEqual({ scope: "emails about new takes", email: b.owner.email, state: "ready" });
    expect(await callerFor(t.db, b.owner).notification.get()).toMatchObject({ takes: "INSTANT" });
    expect(await unsubscribe(t.db, token)).toMatchObject({ state: "done" });
    expect(await callerFor(t.db, b.owner).notification.get()).toEqual({ takes: "OFF", replies: "INSTANT", mentions: "INSTANT" });
    expect(await previewUnsubscribe(t.db, token)).toMatchObject({ state: "used" });
    expect(await unsubscribe(t.db, "x".repeat(43))).toBeNull();
    expect(await previewUnsubscribe(t.db, "not a token")).toBeNull();
  });

  it("the digest's link turns off whatever was daily", async () => {
    const b = await band();
    await choose(b.other, { replies: "DAILY" });
    const versionId = await upload(b.member!, b.band.id, b.songId);
    await runNotifyJob({ kind: "take", versionId }, { db: t.db, send: outbox().send });
    const out = outbox();
    await runDailyDigest({ db: t.db, now: () => new Date(Date.now() + 1000), send: out.send });
    const mail = out.mails.find((m) => m.to === b.other.email)!;
    expect(await previewUnsubscribe(t.db, tokenOf(mail))).toMatchObject({ scope: "the daily digest (everything you get once a day)" });
    await unsubscribe(t.db, tokenOf(mail));
    expect(await callerFor(t.db, b.other).notification.get()).toEqual({ takes: "OFF", replies: "OFF", mentions: "INSTANT" });
  });

  it("a link works once: used again after the mail was turned back on, it changes nothing and says so", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    const out = outbox();
    await runNotifyJob({ kind: "take", versionId: await upload(b.member!, b.band.id, b.songId) }, { db: t.db, send: out.send });
    const token = tokenOf(out.mails[0]!);
    expect(await unsubscribe(t.db, token)).toMatchObject({ state: "done" });
    await choose(b.owner, { takes: "INSTANT" }); // changed their mind
    expect(await unsubscribe(t.db, token)).toEqual({ scope: "emails about new takes", email: b.owner.email, state: "used" });
    expect(await callerFor(t.db, b.owner).notification.get()).toMatchObject({ takes: "INSTANT" });
    expect(await previewUnsubscribe(t.db, token)).toMatchObject({ state: "used" });
  });

  it("two uses at once: one turns the mail off, the other changes nothing", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    const out = outbox();
    await runNotifyJob({ kind: "take", versionId: await upload(b.member!, b.band.id, b.songId) }, { db: t.db, send: out.send });
    const token = tokenOf(out.mails[0]!);
    const results = await Promise.all([unsubscribe(t.db, token), unsubscribe(t.db, token)]);
    expect(results.map((r) => r!.state).sort()).toEqual(["done", "used"]);
  });

  it("a link expires 90 days after its mail: nothing changes, and it says so", async () => {
    const b = await band();
    await choose(b.owner, { takes: "INSTANT" });
    const out = outbox();
    await runNotifyJob({ kind: "take", versionId: await upload(b.member!, b.band.id, b.songId) }, { db: t.db, send: out.send });
    const token = tokenOf(out.mails[0]!);
    const later = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000 + 1000);
    expect(await previewUnsubscribe(t.db, token, later)).toMatchObject({ state: "expired" });
    expect(await unsubscribe(t.db, token, later)).toMatchObject({ state: "expired" });
    expect(await callerFor(t.db, b.owner).notification.get()).toMatchObject({ takes: "INSTANT" });
    // Not used up by the attempt: still good within its 90 days.
    expect(await previewUnsubscribe(t.db, token)).toMatchObject({ state: "ready" });
  });
});
