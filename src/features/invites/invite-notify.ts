import { env } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import { sendMail, type Mail } from "@/server/mail/mailer";
import { log } from "@/server/log";
import { inviteAnsweredNotice } from "./invite.emails";

/**
 * Mail is sent after the transaction commits, and a failed send never undoes
 * the change it reports: the error is logged (without any link in it).
 */
export async function sendAfterCommit(mail: Mail, what: string): Promise<boolean> {
  try {
    await sendMail(mail);
    return true;
  } catch (error) {
    log().error({ err: error, to: mail.to }, `could not send ${what}`);
    return false;
  }
}

/** Tells the band's owners and admins (except whoever acted) that someone joined or declined. */
export async function notifyAdmins(
  db: PrismaClient,
  p: { bandId: string; bandName: string; actorId: string; who: string; outcome: "joined" | "declined"; via: "invite" | "join link" },
): Promise<void> {
  const admins = await db.bandMember.findMany({
    where: { bandId: p.bandId, role: { in: ["OWNER", "ADMIN"] }, userId: { not: p.actorId } },
    select: { user: { select: { email: true } } },
  });
  const bandUrl = `${env().appUrl}/bands/${p.bandId}/${p.outcome === "joined" ? "members" : "invites"}`;
  await Promise.all(
    admins.map(({ user }) =>
      sendAfterCommit(inviteAnsweredNotice({ to: user.email, bandName: p.bandName, who: p.who, outcome: p.outcome, via: p.via, bandUrl }), "an admin notice"),
    ),
  );
}

export function displayName(user: { name: string | null; email: string }): string {
  return user.name?.trim() || user.email;
}
