import type { Prisma } from "@/generated/prisma/client";
import type { NotificationCategory, NotificationMode } from "@/generated/prisma/enums";

export type NotificationPreferences = { takes: NotificationMode; replies: NotificationMode; mentions: NotificationMode };

/** What someone gets before they choose: replies and mentions at once, new takes in the daily digest. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { takes: "DAILY", replies: "INSTANT", mentions: "INSTANT" };

export const categoryField: Record<NotificationCategory, keyof NotificationPreferences> = {
  TAKES: "takes",
  REPLIES: "replies",
  MENTIONS: "mentions",
};

type Db = Pick<Prisma.TransactionClient, "notificationSettings">;

export async function readPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const row = await db.notificationSettings.findUnique({ where: { userId }, select: { takes: true, replies: true, mentions: true } });
  return row ?? DEFAULT_PREFERENCES;
}

/** Each person's mode for one category, defaults for people who never chose. */
export async function modesFor(db: Db, userIds: string[], category: NotificationCategory): Promise<Map<string, NotificationMode>> {
  const field = categoryField[category];
  const rows = await db.notificationSettings.findMany({ where: { userId: { in: userIds } } });
  const chosen = new Map(rows.map((r) => [r.userId, r[field]]));
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_PREFERENCES[field]]));
}
