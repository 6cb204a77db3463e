import type { Prisma } from "@/generated/prisma/client";
import type { NotificationCategory } from "@/generated/prisma/enums";
import { env } from "@/env";
import { hashToken, newToken } from "@/features/invites/invite-token";

/**
 * A fresh unsubscribe link for one mail: 256 random bits, only the hash stored
 * (as for invites). It turns off the category the mail was about (null: the
 * daily digest, i.e. every category sent daily).
 */
export async function createUnsubscribeLink(db: Pick<Prisma.TransactionClient, "unsubscribeToken">, userId: string, category: NotificationCategory | null): Promise<string> {
  const { token, tokenHash } = newToken();
  await db.unsubscribeToken.create({ data: { tokenHash, userId, category } });
  return unsubscribeUrl(token);
}

export function unsubscribeUrl(token: string): string {
  return `${env().appUrl}/unsubscribe/${token}`;
}

export { hashToken as hashUnsubscribeToken };
