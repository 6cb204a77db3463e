import type { PrismaClient } from "@/generated/prisma/client";
import { log } from "@/server/log";
import { sendMail, type Mail } from "@/server/mail/mailer";
import { digestMail, mentionSentence, replySentence, takeSentence, type DigestEntry } from "./notification.emails";
import { categoryField, DEFAULT_PREFERENCES } from "./notification-settings";
import { commentLinkSelect, commentUrl, settingsUrl, takeUrl } from "./notify.job";
import { createUnsubscribeLink } from "./unsubscribe-token";
import { guestDisplayName } from "@/features/sharing/share.rules";

export type DigestDeps = { db: PrismaClient; now?: () => Date; send?: (mail: Mail) => Promise<void> };

/**
 * The daily digest: for each person, one mail listing every DAILY
 * notification not yet sent, across all their bands. Each row is claimed
 * (sentAt set) before its mail goes out, so a second run, or two runs at
 * once, never lists the same item again; a failed send puts them back.
 * Items of a band the person has left, or of a category they have since
 * turned off, are dropped without mail. Nobody with nothing new gets mail.
 */
export async function runDailyDigest(deps: DigestDeps): Promise<{ mails: number; items: number }> {
  const now = (deps.now ?? (() => new Date()))();
  const send = deps.send ?? sendMail;
  const pending = await deps.db.notification.findMany({
    where: { mode: "DAILY", sentAt: null, createdAt: { lte: now } },
    select: { userId: true },
    distinct: ["userId"],
  });
  let mails = 0;
  let items = 0;
  for (const { userId } of pending) {
    const claimed = await claimFor(deps.db, userId, now);
    if (claimed.length === 0) continue;
    const entries = await entriesFor(deps.db, claimed);
    if (entries.length === 0) continue;
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    try {
      const unsubscribeUrl = await createUnsubscribeLink(deps.db, userId, null);
      await send(digestMail(user.email, entries, { unsubscribeUrl, settingsUrl: settingsUrl() }));
      mails++;
      items += entries.length;
    } catch (error) {
      await deps.db.notification.updateMany({ where: { id: { in: claimed.map((c) => c.id) } }, data: { sentAt: null } });
      log().error({ err: error, userId }, "a daily digest could not be sent; it goes out with the next run");
    }
  }
  if (mails) log().info({ mails, items }, "sent the daily digest");
  return { mails, items };
}

type Claimed = { id: string; bandId: string; category: "TAKES" | "REPLIES" | "MENTIONS"; subjectId: string };

/** This person's unsent daily items that still count: a member of that band, the category still daily. */
async function claimFor(db: PrismaClient, userId: string, now: Date): Promise<Claimed[]> {
  const [memberships, settings] = await Promise.all([
    db.bandMember.findMany({ where: { userId }, select: { bandId: true } }),
    db.notificationSettings.findUnique({ where: { userId } }),
  ]);
  const prefs = settings ?? DEFAULT_PREFERENCES;
  const rows = await db.notification.updateManyAndReturn({
    where: { userId, mode: "DAILY", sentAt: null, createdAt: { lte: now } },
    data: { sentAt: now },
    select: { id: true, bandId: true, category: true, subjectId: true },
  });
  const bands = new Set(memberships.map((m) => m.bandId));
  return rows.filter((r) => bands.has(r.bandId) && prefs[categoryField[r.category]] === "DAILY");
}

/** Sentences for the claimed items, oldest first; items whose take or comment is gone are left out. */
async function entriesFor(db: PrismaClient, claimed: Claimed[]): Promise<DigestEntry[]> {
  const ids = (category: Claimed["category"]) => claimed.filter((c) => c.category === category).map((c) => c.subjectId);
  const person = { select: { name: true } } as const;
  const takes = await db.version.findMany({
    where: { id: { in: ids("TAKES") } },
    orderBy: { createdAt: "asc" },
    select: { id: true, bandId: true, songId: true, number: true, uploader: person, song: { select: { title: true } }, band: { select: { name: true } } },
  });
  const commentIds = [...ids("REPLIES"), ...ids("MENTIONS")];
  const comments = await db.comment.findMany({
    where: { id: { in: commentIds } },
    orderBy: { createdAt: "asc" },
    select: { ...commentLinkSelect, body: true, guestName: true, author: person, band: { select: { name: true } }, version: { select: { number: true, songId: true, song: { select: { title: true } } } } },
  });
  const replies = new Set(ids("REPLIES"));
  return [
    ...takes.map((v) => ({
      bandName: v.band.name,
      sentence: takeSentence({ bandName: v.band.name, songTitle: v.song.title, takeNumber: v.number, uploader: v.uploader, url: "" }),
      url: takeUrl(v),
    })),
    ...comments.map((c) => {
      const author = c.guestName ? { name: guestDisplayName(c.guestName) } : c.author;
      const news = { bandName: c.band.name, songTitle: c.version.song.title, takeNumber: c.version.number, author, body: c.body, url: "" };
      return { bandName: c.band.name, sentence: replies.has(c.id) ? replySentence(news) : mentionSentence(news), body: c.body, url: commentUrl(c) };
    }),
  ];
}
