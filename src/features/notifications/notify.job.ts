import type { PrismaClient } from "@/generated/prisma/client";
import type { NotificationCategory } from "@/generated/prisma/enums";
import { env } from "@/env";
import { enqueueNotifyDelivery } from "@/server/jobs/enqueue";
import { log } from "@/server/log";
import { sendMail, type Mail } from "@/server/mail/mailer";
import type { NotifyDeliveryJob, NotifyJob } from "@/server/jobs/queues";
import { commentMail, commentsMail, takeMail, type CommentNews, type TakeNews } from "./notification.emails";
import { modesFor } from "./notification-settings";
import { deliveryDelaySeconds, NOTIFY_TIMING, type NotifyTiming } from "./notify-grouping.rules";
import { createUnsubscribeLink } from "./unsubscribe-token";
import { commentMoment, songLink } from "@/features/player/deep-link";
import { guestDisplayName } from "@/features/sharing/share.rules";

export type NotifyDeps = {
  db: PrismaClient;
  send?: (mail: Mail) => Promise<void>;
  /** When grouped reply and mention mails go out (tests shorten it). */
  timing?: NotifyTiming;
};

type Subject = {
  bandId: string;
  category: NotificationCategory;
  subjectId: string;
  actorId: string | null;
  /** Who may hear of it before choices and membership are checked. */
  candidates: string[];
  mailFor: (to: string, links: { unsubscribeUrl: string; settingsUrl: string }) => Mail;
};

export const settingsUrl = () => `${env().appUrl}/settings/notifications`;
/** A mail's link to a take, and for a comment to its moment with the comment shown (player/deep-link.ts). */
export const takeUrl = (v: { bandId: string; songId: string; id: string }) => songLink(env().appUrl, { path: `/bands/${v.bandId}/songs/${v.songId}`, versionId: v.id });
export const commentUrl = (c: CommentLinkFacts) =>
  songLink(env().appUrl, { path: `/bands/${c.bandId}/songs/${c.version.songId}`, versionId: c.versionId, commentId: c.id, ...commentMoment(c) });

type Moment = { atSeconds: number | null; endSeconds: number | null };
export type CommentLinkFacts = Moment & { id: string; bandId: string; versionId: string; version: { songId: string }; parent: Moment | null };
/** What a comment's link needs, for any query that mails about comments. */
export const commentLinkSelect = {
  id: true,
  bandId: true,
  versionId: true,
  atSeconds: true,
  endSeconds: true,
  parent: { select: { atSeconds: true, endSeconds: true } },
} as const;

/**
 * One notify job: works out who hears of the change, records one Notification
 * per person (the unique key makes a retried job harmless), and mails those
 * who chose INSTANT; DAILY ones wait for the digest. A new take is mailed
 * now. Replies and mentions are not mailed one by one (thirty comments naming
 * someone would be thirty mails): each person's delivery job is scheduled
 * instead (notify-grouping.rules.ts), and it sends one mail listing all of
 * them. Never the person who acted; never someone who is not a member of the
 * band at this moment.
 */
export async function runNotifyJob(data: NotifyJob, deps: NotifyDeps): Promise<{ sent: number; queuedForDigest: number }> {
  const subject = await loadSubject(deps.db, data);
  if (!subject) return { sent: 0, queuedForDigest: 0 };
  const members = await deps.db.bandMember.findMany({
    where: { bandId: subject.bandId, userId: { in: subject.candidates.filter((id) => id !== subject.actorId) } },
    select: { userId: true },
  });
  const userIds = members.map((m) => m.userId);
  const modes = await modesFor(deps.db, userIds, subject.category);
  const wanted = userIds.filter((id) => modes.get(id) !== "OFF");
  await deps.db.notification.createMany({
    data: wanted.map((userId) => ({ userId, bandId: subject.bandId, category: subject.category, mode: modes.get(userId)!, subjectId: subject.subjectId, actorId: subject.actorId })),
    skipDuplicates: true,
  });

  const queuedForDigest = wanted.filter((id) => modes.get(id) === "DAILY").length;
  if (subject.category !== "TAKES") {
    const category = subject.category;
    const now = new Date();
    for (const userId of wanted.filter((id) => modes.get(id) === "INSTANT")) {
      await scheduleDelivery(deps, { userId, category }, now);
    }
    return { sent: 0, queuedForDigest };
  }

  let sent = 0;
  const instant = await deps.db.notification.findMany({
    where: { subjectId: subject.subjectId, category: subject.category, userId: { in: wanted }, mode: "INSTANT", sentAt: null },
    select: { id: true, userId: true, user: { select: { email: true } } },
  });
  for (const row of instant) {
    // Claimed before sending, so a second run of this job cannot send it again.
    const claimed = await deps.db.notification.updateMany({ where: { id: row.id, sentAt: null }, data: { sentAt: new Date() } });
    if (claimed.count === 0) continue;
    try {
      const unsubscribeUrl = await createUnsubscribeLink(deps.db, row.userId, subject.category);
      await (deps.send ?? sendMail)(subject.mailFor(row.user.email, { unsubscribeUrl, settingsUrl: settingsUrl() }));
      sent++;
    } catch (error) {
      // Back to unsent; pg-boss retries the job, which sends only what is still unsent.
      await deps.db.notification.update({ where: { id: row.id }, data: { sentAt: null } });
      throw error;
    }
  }
  log().info({ kind: data.kind, subjectId: subject.subjectId, sent, queuedForDigest }, "notified a band's members");
  return { sent, queuedForDigest };
}

/** Queues the person's grouped mail: a minute from now after a quiet spell, else when their window ends. */
async function scheduleDelivery(deps: NotifyDeps, job: NotifyDeliveryJob, now: Date): Promise<void> {
  const last = await deps.db.notification.findFirst({
    where: { userId: job.userId, category: job.category, mode: "INSTANT", sentAt: { not: null } },
    orderBy: { sentAt: "desc" },
    select: { sentAt: true },
  });
  await enqueueNotifyDelivery(deps.db, job, deliveryDelaySeconds(last?.sentAt ?? null, now, deps.timing ?? NOTIFY_TIMING));
}

/**
 * One person's grouped reply or mention mail: claims every INSTANT item of
 * that kind not yet sent to them and mails them in one go, oldest first.
 * Claimed before sending, so a rerun or a second job sends nothing twice; a
 * failed send puts them back for pg-boss's retry. Their choice is read now:
 * items of a kind they switched to daily wait for the digest, to off are
 * dropped, as are items of bands they have left.
 */
export async function runNotifyDeliveryJob(data: NotifyDeliveryJob, deps: NotifyDeps): Promise<{ sent: number; items: number }> {
  const { userId, category } = data;
  const unsent = { userId, category, mode: "INSTANT", sentAt: null } as const;
  const mode = (await modesFor(deps.db, [userId], category)).get(userId);
  if (mode === "DAILY") {
    await deps.db.notification.updateMany({ where: unsent, data: { mode: "DAILY" } });
    return { sent: 0, items: 0 };
  }
  const claimed = await deps.db.notification.updateManyAndReturn({ where: unsent, data: { sentAt: new Date() }, select: { id: true, bandId: true, subjectId: true } });
  if (claimed.length === 0 || mode === "OFF") return { sent: 0, items: 0 };
  const memberships = await deps.db.bandMember.findMany({ where: { userId }, select: { bandId: true } });
  const bands = new Set(memberships.map((m) => m.bandId));
  const kept = claimed.filter((c) => bands.has(c.bandId));
  const comments = await deps.db.comment.findMany({
    where: { id: { in: kept.map((c) => c.subjectId) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: commentNewsSelect,
  });
  if (comments.length === 0) return { sent: 0, items: 0 };
  try {
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const unsubscribeUrl = await createUnsubscribeLink(deps.db, userId, category);
    const kind = category === "REPLIES" ? "reply" : "mention";
    await (deps.send ?? sendMail)(commentsMail(user.email, kind, comments.map(commentNews), { unsubscribeUrl, settingsUrl: settingsUrl() }));
  } catch (error) {
    await deps.db.notification.updateMany({ where: { id: { in: kept.map((c) => c.id) } }, data: { sentAt: null } });
    throw error;
  }
  log().info({ category, items: comments.length }, "mailed a member their replies or mentions");
  return { sent: 1, items: comments.length };
}

const person = { select: { name: true } } as const;

const commentNewsSelect = {
  ...commentLinkSelect,
  authorId: true,
  body: true,
  guestName: true,
  author: person,
  band: { select: { name: true } },
  version: { select: { number: true, songId: true, song: { select: { title: true } } } },
} as const;

function commentNews(c: CommentLinkFacts & { body: string; guestName: string | null; author: { name: string | null } | null; band: { name: string }; version: { number: number; songId: string; song: { title: string } } }): CommentNews {
  // A comment left through a share link is told under the guest's name, marked as a guest's.
  const author = c.guestName ? { name: guestDisplayName(c.guestName) } : c.author;
  return { bandName: c.band.name, songTitle: c.version.song.title, takeNumber: c.version.number, author, body: c.body, url: commentUrl(c) };
}

async function loadSubject(db: PrismaClient, data: NotifyJob): Promise<Subject | null> {
  if (data.kind === "take") {
    const v = await db.version.findUnique({
      where: { id: data.versionId },
      select: { id: true, bandId: true, songId: true, number: true, uploaderId: true, uploader: person, song: { select: { title: true } }, band: { select: { name: true, members: { select: { userId: true } } } } },
    });
    if (!v) return null; // deleted before the job ran: nothing to tell
    const news: TakeNews = { bandName: v.band.name, songTitle: v.song.title, takeNumber: v.number, uploader: v.uploader, url: takeUrl(v) };
    return {
      bandId: v.bandId,
      category: "TAKES",
      subjectId: v.id,
      actorId: v.uploaderId,
      candidates: v.band.members.map((m) => m.userId),
      mailFor: (to, links) => takeMail(to, news, links),
    };
  }
  const c = await db.comment.findUnique({ where: { id: data.commentId }, select: commentNewsSelect });
  if (!c) return null;
  const news = commentNews(c);
  if (data.kind === "reply") {
    // The comment replied to, in the same band (a parent elsewhere names nobody).
    const parent = await db.comment.findFirst({ where: { id: data.parentId, bandId: c.bandId }, select: { authorId: true } });
    return {
      bandId: c.bandId,
      category: "REPLIES",
      subjectId: c.id,
      actorId: c.authorId,
      candidates: parent?.authorId ? [parent.authorId] : [],
      mailFor: (to, links) => commentMail(to, "reply", news, links),
    };
  }
  return {
    bandId: c.bandId,
    category: "MENTIONS",
    subjectId: c.id,
    actorId: c.authorId,
    candidates: data.userIds,
    mailFor: (to, links) => commentMail(to, "mention", news, links),
  };
}
