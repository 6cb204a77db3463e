import type { PrismaClient } from "@/generated/prisma/client";
import type { NotificationCategory } from "@/generated/prisma/enums";
import { env } from "@/env";
import { log } from "@/server/log";
import { sendMail, type Mail } from "@/server/mail/mailer";
import type { NotifyJob } from "@/server/jobs/queues";
import { commentMail, takeMail, type CommentNews, type TakeNews } from "./notification.emails";
import { modesFor } from "./notification-settings";
import { createUnsubscribeLink } from "./unsubscribe-token";

export type NotifyDeps = { db: PrismaClient; send?: (mail: Mail) => Promise<void> };

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
export const songUrl = (bandId: string, songId: string) => `${env().appUrl}/bands/${bandId}/songs/${songId}`;

/**
 * One notify job: works out who hears of the change, records one Notification
 * per person (the unique key makes a retried job harmless), and mails those
 * who chose INSTANT now; DAILY ones wait for the digest. Never the person who
 * acted; never someone who is not a member of the band at this moment.
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
  const queuedForDigest = wanted.filter((id) => modes.get(id) === "DAILY").length;
  log().info({ kind: data.kind, subjectId: subject.subjectId, sent, queuedForDigest }, "notified a band's members");
  return { sent, queuedForDigest };
}

const person = { select: { name: true } } as const;

async function loadSubject(db: PrismaClient, data: NotifyJob): Promise<Subject | null> {
  if (data.kind === "take") {
    const v = await db.version.findUnique({
      where: { id: data.versionId },
      select: { id: true, bandId: true, songId: true, number: true, uploaderId: true, uploader: person, song: { select: { title: true } }, band: { select: { name: true, members: { select: { userId: true } } } } },
    });
    if (!v) return null; // deleted before the job ran: nothing to tell
    const news: TakeNews = { bandName: v.band.name, songTitle: v.song.title, takeNumber: v.number, uploader: v.uploader, url: songUrl(v.bandId, v.songId) };
    return {
      bandId: v.bandId,
      category: "TAKES",
      subjectId: v.id,
      actorId: v.uploaderId,
      candidates: v.band.members.map((m) => m.userId),
      mailFor: (to, links) => takeMail(to, news, links),
    };
  }
  const c = await db.comment.findUnique({
    where: { id: data.commentId },
    select: {
      id: true,
      bandId: true,
      authorId: true,
      body: true,
      author: person,
      band: { select: { name: true } },
      version: { select: { number: true, songId: true, song: { select: { title: true } } } },
    },
  });
  if (!c) return null;
  const news: CommentNews = { bandName: c.band.name, songTitle: c.version.song.title, takeNumber: c.version.number, author: c.author, body: c.body, url: songUrl(c.bandId, c.version.songId) };
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
