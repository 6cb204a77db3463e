import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeActivity } from "@/features/activity/activity-sentence";
import { handleTakeAudio, type TakeAudioDeps } from "@/features/takes/take-audio.handler";
import type { PrismaClient } from "@/generated/prisma/client";
import { createContextInner } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { createPrismaClient } from "@/server/db/client";
import { getStorage } from "@/server/storage";
import { createCaller } from "@/compose/root-router";
import { createSong, seedTake, useTempStorage } from "@/test/audio-test-kit";
import { callerFor, createBandWith } from "@/test/callers";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";
import { makeWav } from "@/test/wav";
import { runDailyDigest } from "@/features/notifications/daily-digest";
import { runNotifyDeliveryJob, runNotifyJob } from "@/features/notifications/notify.job";
import { NOTIFY_QUEUE, type NotifyJob } from "@/server/jobs/queues";
import type { Mail } from "@/server/mail/mailer";
import { linkAccess } from "./share-audio.route";
import { unlockCookieName } from "./share-unlock";

/**
 * Share links end to end on a real database: the procedures through
 * createCaller, the link's audio routes over real sockets (the same handler
 * as a member's stream, decided for the link), and what a link must never do.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: ReturnType<typeof useTempStorage>;
let setup: Awaited<ReturnType<typeof createBandWith>>;
let other: Awaited<ReturnType<typeof createBandWith>>;
let song: { id: string; title: string };
let take: { id: string };
let secondTake: { id: string };
let otherSongTake: { id: string };
let otherBandTake: { id: string };
let server: LocalServer;
const audio = makeWav({ seconds: 1, sampleRate: 22_050, channels: 1 });

beforeAll(async () => {
  storage = useTempStorage();
  t = await createTestDatabase();
  setup = await createBandWith(t.db, { admin: true, member: true });
  other = await createBandWith(t.db);
  song = await createSong(t.db, setup.band.id, "Harbour Lights");
  take = (await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio })).version;
  secondTake = (await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio })).version;
  const otherSong = await createSong(t.db, setup.band.id, "Low Tide");
  otherSongTake = (await seedTake(t.db, { bandId: setup.band.id, songId: otherSong.id, uploader: setup.member!, bytes: audio })).version;
  const foreignSong = await createSong(t.db, other.band.id, "Elsewhere");
  otherBandTake = (await seedTake(t.db, { bandId: other.band.id, songId: foreignSong.id, uploader: other.owner, bytes: audio })).version;
  server = await serveLocally((req, res) => {
    const [, token = "", versionId = "", purpose = "stream"] = /^\/api\/s\/([^/]+)\/versions\/([^/]+)\/(stream|download|peaks)$/.exec(req.url ?? "") ?? [];
    const deps: TakeAudioDeps = { db: t.db, storage: getStorage(), offload: undefined };
    void handleTakeAudio(req, res, { versionId, purpose: purpose as "stream", access: linkAccess(t.db, token) }, deps);
  });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  storage?.cleanup();
});

const tokenOf = (url: string) => url.split("/s/")[1]!;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** A public caller as a guest's browser: its cookies go in, Set-Cookie comes out into the jar. */
function guest(db: PrismaClient = t.db) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const call = () => {
    const responseHeaders = new Headers();
    const api = createCaller(createContextInner({ db, user: null, cookies: cookieHeader(), responseHeaders }));
    return { api, responseHeaders };
  };
  return {
    jar,
    cookieHeader,
    async open(token: string, password?: string) {
      const { api, responseHeaders } = call();
      try {
        return await api.share.open({ token, ...(password !== undefined ? { password } : {}) });
      } finally {
        for (const cookie of responseHeaders.getSetCookie()) {
          const [pair] = cookie.split(";");
          const eq = pair!.indexOf("=");
          jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
        }
      }
    },
    comment(input: Parameters<ReturnType<typeof createCaller>["share"]["comment"]>[0]) {
      return call().api.share.comment(input);
    },
    fetch(token: string, versionId: string, purpose = "stream", headers: Record<string, string> = {}) {
      return fetch(`${server.origin}/api/s/${token}/versions/${versionId}/${purpose}`, { headers: { ...headers, cookie: cookieHeader() } });
    },
  };
}

async function share(user: SessionUser, input: Record<string, unknown>) {
  return callerFor(t.db, user).share.create({ bandId: setup.band.id, ...input } as never);
}

async function status(response: Response) {
  const body = response.status >= 400 ? ((await response.json()) as { error: { reason?: string } }) : (await response.arrayBuffer(), null);
  return { status: response.status, reason: body?.error.reason ?? null };
}

describe("the token", () => {
  it("is 256 random bits in base64url, shown once; only its SHA-256 is stored and no listing carries it", async () => {
    const created = await share(setup.member!, { versionId: take.id });
    expect(created.url).toMatch(/^http:\/\/localhost:\d+\/s\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(created.url);
    const row = await t.db.shareLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await callerFor(t.db, setup.owner).share.list({ bandId: setup.band.id });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
    const again = await share(setup.member!, { versionId: take.id });
    expect(tokenOf(again.url)).not.toBe(token);
  });

  it("a guessed token, or one a character off, is 404 SHARE_NOT_FOUND", async () => {
    const { url } = await share(setup.member!, { versionId: take.id });
    const token = tokenOf(url);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const guess of ["A".repeat(43), flipped]) {
      expect(await rejection(guest().open(guess))).toMatchObject({ code: "NOT_FOUND", reason: "SHARE_NOT_FOUND", status: 404 });
      expect(await status(await guest().fetch(guess, take.id))).toEqual({ status: 404, reason: "SHARE_NOT_FOUND" });
    }
  });
});

describe("options and who may do what", () => {
  it("defaults: 30 days, no downloads, no comments; any future moment; never only for admins", async () => {
    const before = Date.now();
    const { id } = await share(setup.member!, { versionId: take.id });
    const row = await t.db.shareLink.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 864e5 - 1000);
    expect(row.expiresAt!.getTime() - before).toBeLessThan(30 * 864e5 + 60_000);
    expect(row).toMatchObject({ allowDownload: false, allowComments: false, passwordHash: null });
    const soon = new Date(Date.now() + 5000);
    expect((await t.db.shareLink.findUniqueOrThrow({ where: { id: (await share(setup.member!, { versionId: take.id, expiresAt: soon })).id } })).expiresAt).toEqual(soon);
    expect(await rejection(share(setup.member!, { versionId: take.id, expiresAt: new Date(Date.now() - 1000) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(share(setup.member!, { versionId: take.id, expiresAt: null }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    const never = await share(setup.admin!, { versionId: take.id, expiresAt: null });
    expect((await t.db.shareLink.findUniqueOrThrow({ where: { id: never.id } })).expiresAt).toBeNull();
  });

  it("a take, song or setlist of another band cannot be shared", async () => {
    expect(await rejection(share(setup.member!, { versionId: otherBandTake.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("revoking: the creator or an admin; another member is refused", async () => {
    const { id } = await share(setup.admin!, { versionId: take.id });
    expect(await rejection(callerFor(t.db, setup.member!).share.revoke({ bandId: setup.band.id, shareId: id }))).toMatchObject({ code: "FORBIDDEN", reason: "INSUFFICIENT_ROLE" });
    const mine = await share(setup.member!, { versionId: take.id });
    expect(await callerFor(t.db, setup.member!).share.revoke({ bandId: setup.band.id, shareId: mine.id })).toEqual({ id: mine.id, state: "revoked" });
    expect(await callerFor(t.db, setup.owner).share.revoke({ bandId: setup.band.id, shareId: id })).toEqual({ id, state: "revoked" });
    // Another band's link is not found from this band.
    const foreign = await callerFor(t.db, other.owner).share.create({ bandId: other.band.id, versionId: otherBandTake.id });
    expect(await rejection(callerFor(t.db, setup.owner).share.revoke({ bandId: setup.band.id, shareId: foreign.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("the list shows target, creator, expiry, options, views, last opened and state", async () => {
    const { id, url } = await share(setup.member!, { songId: song.id, allowComments: true, password: "tide pool" });
    await guest().open(tokenOf(url), "tide pool");
    await guest().open(tokenOf(url), "tide pool");
    const listed = (await callerFor(t.db, setup.member!).share.list({ bandId: setup.band.id })).find((l) => l.id === id)!;
    expect(listed).toMatchObject({
      target: { kind: "song", songId: song.id },
      subject: "Harbour Lights",
      creator: { id: setup.member!.id },
      options: { password: true, allowDownload: false, allowComments: true },
      views: 2,
      state: "active",
      canRevoke: true,
    });
    expect(listed.lastOpenedAt).toBeInstanceOf(Date);
    await t.db.shareLink.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await callerFor(t.db, setup.member!).share.list({ bandId: setup.band.id })).find((l) => l.id === id)!.state).toBe("expired");
  });

  it("the band's feed says who shared what", async () => {
    await share(setup.member!, { versionId: take.id });
    const row = await t.db.bandActivity.findFirstOrThrow({ where: { bandId: setup.band.id, type: "SHARE_CREATED", versionId: take.id }, include: { actor: true } });
    const number = (await t.db.version.findUniqueOrThrow({ where: { id: take.id } })).number;
    expect(describeActivity({ ...row, targetUser: null }, setup.owner.id)).toBe(`${setup.member!.name} shared take ${number} of Harbour Lights`);
  });
});

describe("opening a link and hearing what it covers", () => {
  it("shows the band's name and only the shared take, with no member email", async () => {
    const { url } = await share(setup.member!, { versionId: take.id, allowComments: true });
    await callerFor(t.db, setup.owner).comment.create({ bandId: setup.band.id, versionId: take.id, body: "Love the bridge", atSeconds: 0.5 });
    const opened = await guest().open(tokenOf(url));
    expect(opened.bandName).toBe(setup.band.name);
    expect(opened.takes.map((x) => x.id)).toEqual([take.id]);
    expect(opened.comments.map((c) => c.body)).toContain("Love the bridge");
    const text = JSON.stringify(opened);
    for (const user of [setup.owner, setup.admin!, setup.member!]) {
      expect(text).not.toContain(user.email);
      expect(text).not.toContain(user.id);
    }
    expect(text).not.toContain("storageKey");
  });

  it("streams the shared take with ranges like a member's stream, and peaks 404 until made", async () => {
    const { url } = await share(setup.member!, { versionId: take.id });
    const g = guest();
    const ranged = await g.fetch(tokenOf(url), take.id, "stream", { range: "bytes=10-19" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 10-19/${audio.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(audio.subarray(10, 20))).toBe(true);
    expect(ranged.headers.get("etag")).toMatch(/^"/);
    expect((await g.fetch(tokenOf(url), take.id, "stream", { range: `bytes=${audio.length}-` })).status).toBe(416);
    expect(await status(await g.fetch(tokenOf(url), take.id, "peaks"))).toEqual({ status: 404, reason: null });
  });

  it("is 404 for any take it does not cover: another take of the song, another song, another band", async () => {
    const { url } = await share(setup.member!, { versionId: take.id });
    for (const versionId of [secondTake.id, otherSongTake.id, otherBandTake.id, "nosuchtake"]) {
      expect(await status(await guest().fetch(tokenOf(url), versionId)), versionId).toEqual({ status: 404, reason: null });
    }
  });

  it("a song link covers the song's takes only; a setlist link its songs' takes, until a song leaves the setlist", async () => {
    const songLink = tokenOf((await share(setup.member!, { songId: song.id })).url);
    expect((await guest().fetch(songLink, secondTake.id)).status).toBe(200);
    expect((await guest().fetch(songLink, otherSongTake.id)).status).toBe(404);
    const setlist = await t.db.setlist.create({ data: { bandId: setup.band.id, name: "Friday" } });
    await t.db.setlistSong.create({ data: { bandId: setup.band.id, setlistId: setlist.id, songId: song.id, position: 0 } });
    const setLink = tokenOf((await share(setup.member!, { setlistId: setlist.id })).url);
    expect((await guest().open(setLink)).takes.length).toBe(1);
    expect((await guest().fetch(setLink, take.id)).status).toBe(200);
    expect((await guest().fetch(setLink, otherSongTake.id)).status).toBe(404);
    await t.db.setlistSong.deleteMany({ where: { setlistId: setlist.id } });
    expect((await guest().fetch(setLink, take.id)).status).toBe(404);
  });

  it("downloads only when allowed", async () => {
    const off = tokenOf((await share(setup.member!, { versionId: take.id })).url);
    expect((await guest().fetch(off, take.id, "download")).status).toBe(403);
    expect((await guest().open(off)).takes[0]!.downloadUrl).toBeNull();
    const on = tokenOf((await share(setup.member!, { versionId: take.id, allowDownload: true })).url);
    const response = await guest().fetch(on, take.id, "download");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    await response.arrayBuffer();
  });

  it("revoked: 404 SHARE_NOT_FOUND on the very next request; expired: 410 SHARE_EXPIRED", async () => {
    const { id, url } = await share(setup.member!, { versionId: take.id });
    const token = tokenOf(url);
    expect((await guest().fetch(token, take.id)).status).toBe(200);
    await callerFor(t.db, setup.member!).share.revoke({ bandId: setup.band.id, shareId: id });
    expect(await status(await guest().fetch(token, take.id))).toEqual({ status: 404, reason: "SHARE_NOT_FOUND" });
    expect(await rejection(guest().open(token))).toMatchObject({ reason: "SHARE_NOT_FOUND", status: 404 });

    const soon = await share(setup.member!, { versionId: take.id, expiresAt: new Date(Date.now() + 60_000) });
    await t.db.shareLink.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await status(await guest().fetch(tokenOf(soon.url), take.id))).toEqual({ status: 410, reason: "SHARE_EXPIRED" });
    expect(await rejection(guest().open(tokenOf(soon.url)))).toMatchObject({ code: "PRECONDITION_FAILED", reason: "SHARE_EXPIRED", status: 410 });
  });

  it("a deleted take is refused on the next request", async () => {
    const extra = (await seedTake(t.db, { bandId: setup.band.id, songId: song.id, uploader: setup.member!, bytes: audio })).version;
    const token = tokenOf((await share(setup.member!, { songId: song.id })).url);
    expect((await guest().fetch(token, extra.id)).status).toBe(200);
    await t.db.version.delete({ where: { id: extra.id } });
    expect((await guest().fetch(token, extra.id)).status).toBe(404);
  });

  it("counts views", async () => {
    const { id, url } = await share(setup.member!, { versionId: take.id });
    await guest().open(tokenOf(url));
    await guest().open(tokenOf(url));
    expect((await t.db.shareLink.findUniqueOrThrow({ where: { id } })).views).toBe(2);
  });
});

describe("a password", () => {
  it("is stored as salted scrypt, never as itself", async () => {
    const a = await share(setup.member!, { versionId: take.id, password: "same words" });
    const b = await share(setup.member!, { versionId: take.id, password: "same words" });
    const [ra, rb] = await Promise.all([a, b].map(({ id }) => t.db.shareLink.findUniqueOrThrow({ where: { id } })));
    expect(ra!.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(ra!.passwordHash).not.toBe(rb!.passwordHash);
    expect(ra!.passwordHash).not.toContain("same words");
  });

  it("401 without it, 403 when wrong; right: the page opens and the unlock cookie lets the audio through", async () => {
    const { id, url } = await share(setup.member!, { versionId: take.id, password: "harbour" });
    const token = tokenOf(url);
    const g = guest();
    expect(await rejection(g.open(token))).toMatchObject({ code: "UNAUTHORIZED", reason: "SHARE_PASSWORD_REQUIRED", status: 401 });
    expect(await status(await g.fetch(token, take.id))).toEqual({ status: 401, reason: "SHARE_PASSWORD_REQUIRED" });
    expect(await rejection(g.open(token, "Harbour"))).toMatchObject({ code: "FORBIDDEN", reason: "SHARE_PASSWORD_WRONG", status: 403 });
    expect(g.jar.size).toBe(0);
    expect((await g.open(token, "harbour")).takes).toHaveLength(1);
    expect([...g.jar.keys()]).toEqual([unlockCookieName(id)]);
    expect((await g.fetch(token, take.id)).status).toBe(200);
    // The cookie now opens the page without the password, as long as it holds.
    expect((await g.open(token)).takes).toHaveLength(1);
  });

  it("the unlock cookie is bound to its link and to the password it proved", async () => {
    const first = await share(setup.member!, { versionId: take.id, password: "one" });
    const second = await share(setup.member!, { versionId: take.id, password: "one" });
    const g = guest();
    await g.open(tokenOf(first.url), "one");
    // Carried over to the other link under its name, it proves nothing.
    const stolen = g.jar.get(unlockCookieName(first.id))!;
    const h = guest();
    h.jar.set(unlockCookieName(second.id), stolen);
    expect((await h.fetch(tokenOf(second.url), take.id)).status).toBe(401);
    // A forged value is refused.
    h.jar.set(unlockCookieName(first.id), `${Math.floor(Date.now() / 1000) + 3600}.forged`);
    expect((await h.fetch(tokenOf(first.url), take.id)).status).toBe(401);
    // A new password turns earlier cookies off.
    expect((await g.fetch(tokenOf(first.url), take.id)).status).toBe(200);
    await t.db.shareLink.update({ where: { id: first.id }, data: { passwordHash: (await t.db.shareLink.findUniqueOrThrow({ where: { id: second.id } })).passwordHash } });
    expect((await g.fetch(tokenOf(first.url), take.id)).status).toBe(401);
  });

  it("10 wrong tries per link per 15 minutes across instances, then 429 even for the right one; right ones do not count", async () => {
    const { id, url } = await share(setup.member!, { versionId: take.id, password: "right" });
    const token = tokenOf(url);
    const secondInstance = createPrismaClient(t.url);
    try {
      for (let i = 0; i < 5; i++) expect(await rejection(guest().open(token, `wrong ${i}`))).toMatchObject({ status: 403 });
      await guest().open(token, "right");
      for (let i = 5; i < 10; i++) expect(await rejection(guest(secondInstance).open(token, `wrong ${i}`))).toMatchObject({ status: 403 });
      expect(await rejection(guest().open(token, "wrong again"))).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED", status: 429 });
      expect(await rejection(guest(secondInstance).open(token, "right"))).toMatchObject({ status: 429 });
      // Another link's budget is its own.
      const fresh = await share(setup.member!, { versionId: take.id, password: "right" });
      expect((await guest().open(tokenOf(fresh.url), "right")).takes).toHaveLength(1);
      const counter = await t.db.rateLimiterFlexible.findUniqueOrThrow({ where: { key: `share-password:${id}` } });
      expect(counter.expire!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect(counter.expire!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    } finally {
      await secondInstance.$disconnect();
    }
  });
});

describe("guest comments", () => {
  it("only when allowed; shown to the band as 'Name (guest)', in the feed, and mentions are told", async () => {
    const off = tokenOf((await share(setup.member!, { versionId: take.id })).url);
    expect(await rejection(guest().comment({ token: off, versionId: take.id, name: "Sam", body: "Hi" }))).toMatchObject({ code: "FORBIDDEN" });

    const on = tokenOf((await share(setup.member!, { versionId: take.id, allowComments: true })).url);
    expect(await rejection(guest().comment({ token: on, versionId: secondTake.id, name: "Sam", body: "Hi" }))).toMatchObject({ code: "NOT_FOUND" });
    const ownerName = setup.owner.name!;
    const made = await guest().comment({ token: on, versionId: take.id, name: "Sam Mixer", body: `Kick is loud here @${ownerName}`, atSeconds: 0.25 });
    expect(made).toMatchObject({ name: "Sam Mixer (guest)", atSeconds: 0.25, guest: true });
    const seen = await callerFor(t.db, setup.member!).comment.list({ bandId: setup.band.id, versionId: take.id });
    expect(seen.find((c) => c.id === made.id)).toMatchObject({ name: "Sam Mixer (guest)", guest: true, authorId: null, canEdit: false });
    expect(await t.db.commentMention.findMany({ where: { commentId: made.id }, select: { userId: true } })).toEqual([{ userId: setup.owner.id }]);
    // Queued with the comment, and mailed under the guest's name like a member's mention.
    const [job] = await t.db.$queryRaw<{ data: NotifyJob }[]>`SELECT data FROM pgboss.job WHERE name = ${NOTIFY_QUEUE} AND data->>'commentId' = ${made.id}`;
    expect(job?.data).toEqual({ kind: "mention", commentId: made.id, userIds: [setup.owner.id] });
    const mails: Mail[] = [];
    const send = async (mail: Mail) => void mails.push(mail);
    await runNotifyJob(job!.data, { db: t.db, send });
    await runNotifyDeliveryJob({ userId: setup.owner.id, category: "MENTIONS" }, { db: t.db, send });
    expect(mails.map((m) => [m.to, m.subject])).toEqual([[setup.owner.email, "Sam Mixer (guest) mentioned you on Harbour Lights"]]);
    // Someone who takes mentions daily reads it in the digest under the same name.
    await callerFor(t.db, setup.admin!).notification.update({ mentions: "DAILY" });
    const daily = await guest().comment({ token: on, versionId: take.id, name: "Sam Mixer", body: `And here @${setup.admin!.name}` });
    const [dailyJob] = await t.db.$queryRaw<{ data: NotifyJob }[]>`SELECT data FROM pgboss.job WHERE name = ${NOTIFY_QUEUE} AND data->>'commentId' = ${daily.id}`;
    await runNotifyJob(dailyJob!.data, { db: t.db, send });
    const digest: Mail[] = [];
    await runDailyDigest({ db: t.db, now: () => new Date(Date.now() + 1000), send: async (mail) => void digest.push(mail) });
    expect(digest.find((m) => m.to === setup.admin!.email)?.text).toContain("Sam Mixer (guest) mentioned you");
    const activity = await t.db.bandActivity.findFirstOrThrow({ where: { commentId: made.id }, include: { actor: true } });
    expect(describeActivity({ ...activity, targetUser: null }, setup.member!.id)).toBe('A guest commented on a take of "Harbour Lights"');
    expect(await rejection(guest().comment({ token: on, versionId: take.id, name: "Sam", body: "Too late", atSeconds: 5000 }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a password link takes comments only from a browser that gave the password", async () => {
    const { url } = await share(setup.member!, { versionId: take.id, allowComments: true, password: "pw" });
    const g = guest();
    expect(await rejection(g.comment({ token: tokenOf(url), versionId: take.id, name: "Sam", body: "Hi" }))).toMatchObject({ status: 401, reason: "SHARE_PASSWORD_REQUIRED" });
    await g.open(tokenOf(url), "pw");
    expect((await g.comment({ token: tokenOf(url), versionId: take.id, name: "Sam", body: "Hi" })).name).toBe("Sam (guest)");
  });
});

describe("a link grants nothing else", () => {
  it("with its unlock cookie, no band procedure answers (the caller is anonymous)", async () => {
    const { url } = await share(setup.member!, { versionId: take.id, password: "pw" });
    const g = guest();
    await g.open(tokenOf(url), "pw");
    const api = createCaller(createContextInner({ db: t.db, user: null, cookies: g.cookieHeader() }));
    expect(await rejection(api.version.get({ bandId: setup.band.id, versionId: take.id }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejection(api.comment.list({ bandId: setup.band.id, versionId: take.id }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
