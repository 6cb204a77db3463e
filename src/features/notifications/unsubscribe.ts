import type { PrismaClient } from "@/generated/prisma/client";
import type { NotificationCategory } from "@/generated/prisma/enums";
import { categoryField, readPreferences, type NotificationPreferences } from "./notification-settings";
import { hashUnsubscribeToken } from "./unsubscribe-token";

/** What an unsubscribe link turns off, in words for its page. */
export function unsubscribeScope(category: NotificationCategory | null): string {
  if (category === "TAKES") return "emails about new takes";
  if (category === "REPLIES") return "emails about replies to your comments";
  if (category === "MENTIONS") return "emails when someone mentions you";
  return "the daily digest (everything you get once a day)";
}

export type UnsubscribeLink = { scope: string; email: string; done: boolean };

/** What the link at /unsubscribe/[token] would do; null for an unknown token. Changes nothing. */
export async function previewUnsubscribe(db: PrismaClient, token: string): Promise<UnsubscribeLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.unsubscribeToken.findUnique({ where: { tokenHash: hashUnsubscribeToken(token) }, select: { category: true, usedAt: true, user: { select: { email: true } } } });
  if (!row) return null;
  return { scope: unsubscribeScope(row.category), email: row.user.email, done: row.usedAt !== null };
}

/**
 * Turns off what the link covers: that one category, or for a digest link
 * every category that was daily. Using a link again changes nothing more.
 * Returns null for an unknown token.
 */
export async function unsubscribe(db: PrismaClient, token: string): Promise<UnsubscribeLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return db.$transaction(async (tx) => {
    const row = await tx.unsubscribeToken.findUnique({ where: { tokenHash: hashUnsubscribeToken(token) }, select: { tokenHash: true, userId: true, category: true, user: { select: { email: true } } } });
    if (!row) return null;
    const prefs = await readPreferences(tx, row.userId);
    const off: Partial<NotificationPreferences> = {};
    if (row.category) off[categoryField[row.category]] = "OFF";
    else for (const key of Object.keys(prefs) as (keyof NotificationPreferences)[]) if (prefs[key] === "DAILY") off[key] = "OFF";
    await tx.notificationSettings.upsert({ where: { userId: row.userId }, create: { userId: row.userId, ...prefs, ...off }, update: off });
    await tx.unsubscribeToken.update({ where: { tokenHash: row.tokenHash }, data: { usedAt: new Date() } });
    return { scope: unsubscribeScope(row.category), email: row.user.email, done: true };
  });
}
