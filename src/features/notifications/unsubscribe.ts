import type { PrismaClient } from "@/generated/prisma/client";
import type { NotificationCategory } from "@/generated/prisma/enums";
import { categoryField, readPreferences, type NotificationPreferences } from "./notification-settings";
import { hashUnsubscribeToken } from "./unsubscribe-token";
import { unsubscribeLinkState, unsubscribeLinksMadeAfter, type UnsubscribeLinkState } from "./unsubscribe.rules";

/** What an unsubscribe link turns off, in words for its page. */
export function unsubscribeScope(category: NotificationCategory | null): string {
  if (category === "TAKES") return "emails about new takes";
  if (category === "REPLIES") return "emails about replies to your comments";
  if (category === "MENTIONS") return "emails when someone mentions you";
  return "the daily digest (everything you get once a day)";
}

export type UnsubscribeLink = { scope: string; email: string; state: UnsubscribeLinkState };
/** "done": this use turned the mail off; "used" and "expired" changed nothing. */
export type UnsubscribeResult = { scope: string; email: string; state: "done" | "used" | "expired" };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** What the link at /unsubscribe/[token] would do; null for an unknown token. Changes nothing. */
export async function previewUnsubscribe(db: PrismaClient, token: string, now = new Date()): Promise<UnsubscribeLink | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db.unsubscribeToken.findUnique({
    where: { tokenHash: hashUnsubscribeToken(token) },
    select: { category: true, createdAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!row) return null;
  return { scope: unsubscribeScope(row.category), email: row.user.email, state: unsubscribeLinkState(row, now) };
}

/**
 * Turns off what the link covers: that one category, or for a digest link
 * every category that was daily. A link works once and for 90 days: the use
 * is claimed (usedAt set, only while unused and unexpired) before anything
 * changes, so a second use, or two at once, change nothing and say so.
 * Returns null for an unknown token.
 */
export async function unsubscribe(db: PrismaClient, token: string, now = new Date()): Promise<UnsubscribeResult | null> {
  if (!TOKEN.test(token)) return null;
  const tokenHash = hashUnsubscribeToken(token);
  return db.$transaction(async (tx) => {
    const claimed = await tx.unsubscribeToken.updateMany({
      where: { tokenHash, usedAt: null, createdAt: { gt: unsubscribeLinksMadeAfter(now) } },
      data: { usedAt: now },
    });
    const row = await tx.unsubscribeToken.findUnique({
      where: { tokenHash },
      select: { userId: true, category: true, createdAt: true, usedAt: true, user: { select: { email: true } } },
    });
    if (!row) return null;
    const answer = { scope: unsubscribeScope(row.category), email: row.user.email };
    if (claimed.count === 0) {
      const state = unsubscribeLinkState(row, now);
      return { ...answer, state: state === "expired" ? "expired" : "used" };
    }
    const prefs = await readPreferences(tx, row.userId);
    const off: Partial<NotificationPreferences> = {};
    if (row.category) off[categoryField[row.category]] = "OFF";
    else for (const key of Object.keys(prefs) as (keyof NotificationPreferences)[]) if (prefs[key] === "DAILY") off[key] = "OFF";
    await tx.notificationSettings.upsert({ where: { userId: row.userId }, create: { userId: row.userId, ...prefs, ...off }, update: off });
    return { ...answer, state: "done" };
  });
}
