import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSong, seedTake, useTempStorage } from "@/test/audio-test-kit";
import type { SessionUser } from "@/server/auth/session";
import { createBoss } from "@/server/jobs/boss";
import { NOTIFY_DELIVERY_QUEUE, NOTIFY_QUEUE } from "@/server/jobs/queues";
import { workNotifyQueues } from "@/compose/worker-jobs";
import type { Mail } from "@/server/mail/mailer";
import { callerFor, createBandWith } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import type { NotifyTiming } from "./notify-grouping.rules";

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

type Sent = Mail & { at: number };

/** The real job queue on the test database: the notify and delivery workers, with a shortened window. */
async function runQueue(timing: NotifyTiming) {
  const sent: Sent[] = [];
  const boss = createBoss(t.url);
  boss.on("error", () => {});
  await boss.start();
  await workNotifyQueues(boss, { db: t.db, timing, send: async (mail) => void sent.push({ ...mail, at: Date.now() }) }, 0.5);
  return { sent, stop: () => boss.stop({ graceful: false, wait: true }) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Notify and delivery jobs that have not finished yet. */
const unfinished = async () =>
  (
    await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name IN (${NOTIFY_QUEUE}, ${NOTIFY_DELIVERY_QUEUE}) AND state IN ('created', 'retry', 'active')`
  )[0]!.n;

async function bandWithTake() {
  const b = await createBandWith(t.db, { admin: true, member: true });
  await t.db.user.update({ where: { id: b.member!.id }, data: { name: "Max Member" } });
  await t.db.user.update({ where: { id: b.admin!.id }, data: { name: "Ada Admin" } });
  const song = await createSong(t.db, b.band.id, "Night Drive");
  const take = await seedTake(t.db, { bandId: b.band.id, songId: song.id, uploader: b.owner, bytes: Buffer.from("RIFF") });
  return { ...b, versionId: take.version.id };
}

const mention = (author: SessionUser, bandId: string, versionId: string, i: number) =>
  callerFor(t.db, author).comment.create({ bandId, versionId, body: `@Max Member bar ${i}: <b>listen</b> & "see"` });

describe("grouped mention mails, through the job queue", () => {
  it("30 comments naming one member at once make one mail listing all 30; more within the window wait for it to end", async () => {
    const b = await bandWithTake();
    await Promise.all(Array.from({ length: 30 }, (_, i) => mention(b.admin!, b.band.id, b.versionId, i)));

    const queue = await runQueue({ settleSeconds: 4, windowSeconds: 10 });
    try {
      await until("the first mail", () => queue.sent.length >= 1);
      await until("every job to finish", async () => (await unfinished()) === 0);
      const [first, ...rest] = queue.sent;
      expect(rest).toEqual([]);
      expect(first!.to).toBe(b.member!.email);
      expect(first!.subject).toBe("You were mentioned 30 times");
      for (let i = 0; i < 30; i++) expect(first!.text).toContain(`bar ${i}: <b>listen</b> & "see"`);
      expect(first!.text.match(/Ada Admin mentioned you on take 1 of "Night Drive"/g)).toHaveLength(30);
      expect(first!.text.match(new RegExp(`/bands/${b.band.id}/songs/`, "g"))!.length).toBeGreaterThanOrEqual(30);
      // Bodies are text in the HTML part, never markup.
      expect(first!.html).not.toContain("<b>listen</b>");
      expect(first!.html).toContain("&lt;b&gt;listen&lt;/b&gt; &amp; &quot;see&quot;");
      expect(first!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

      // Two more right after that mail: one more mail, not before the window since the first has passed.
      await Promise.all([30, 31].map((i) => mention(b.admin!, b.band.id, b.versionId, i)));
      await until("the second mail", () => queue.sent.length >= 2);
      await until("every job to finish", async () => (await unfinished()) === 0);
      expect(queue.sent).toHaveLength(2);
      const second = queue.sent[1]!;
      expect(second.subject).toBe("You were mentioned 2 times");
      expect(second.text).toContain("bar 30:");
      expect(second.text).toContain("bar 31:");
      expect(second.text).not.toContain("bar 29:");
      expect(second.at - first!.at).toBeGreaterThanOrEqual(9_000);
    } finally {
      await queue.stop();
    }
  }, 120_000);

  it("replies are grouped per person as well, and a single one reads as before", async () => {
    const b = await bandWithTake();
    const parent = await callerFor(t.db, b.member!).comment.create({ bandId: b.band.id, versionId: b.versionId, body: "The bridge drags" });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => callerFor(t.db, b.admin!).comment.create({ bandId: b.band.id, versionId: b.versionId, parentId: parent.id, body: `Reply ${i}` })),
    );
    const lone = await createBandWith(t.db, { member: true });
    await t.db.user.update({ where: { id: lone.member!.id }, data: { name: "Lou Lone" } });
    const song = await createSong(t.db, lone.band.id, "Solo");
    const take = await seedTake(t.db, { bandId: lone.band.id, songId: song.id, uploader: lone.owner, bytes: Buffer.from("RIFF") });
    await callerFor(t.db, lone.owner).comment.create({ bandId: lone.band.id, versionId: take.version.id, body: "@Lou Lone just you" });

    const queue = await runQueue({ settleSeconds: 3, windowSeconds: 5 });
    try {
      await until("two mails", () => queue.sent.length >= 2);
      await until("every job to finish", async () => (await unfinished()) === 0);
    } finally {
      await queue.stop();
    }
    const byTo = new Map(queue.sent.map((m) => [m.to, m]));
    expect(queue.sent).toHaveLength(2);
    expect(byTo.get(b.member!.email)!.subject).toBe("5 replies to your comments");
    expect(byTo.get(lone.member!.email)!.subject).toMatch(/ mentioned you on Solo$/);
  }, 120_000);
});
