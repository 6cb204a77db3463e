import { roleLabel, type BandRole } from "@/lib/roles";
import { renderEmailHtml, renderEmailText, type EmailContent } from "@/server/mail/layout";
import type { Mail } from "@/server/mail/mailer";

const dateFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

function mail(to: string, subject: string, content: EmailContent): Mail {
  return { to, subject, text: renderEmailText(content), html: renderEmailHtml(content) };
}

const article = (role: BandRole) => (role === "ADMIN" || role === "OWNER" ? "an" : "a");

/** The invitation itself: band, inviter, role, the button, expiry, and what to do if it was unexpected. */
export function inviteEmail(p: { to: string; bandName: string; inviterName: string; role: BandRole; url: string; expiresAt: Date }): Mail {
  const role = roleLabel[p.role].toLowerCase();
  return mail(p.to, `${p.inviterName} invited you to join ${p.bandName} on RehearsalHub`, {
    preheader: `Join ${p.bandName} to hear and discuss its rehearsal recordings.`,
    heading: `Join ${p.bandName} on RehearsalHub`,
    paragraphs: [
      `${p.inviterName} invited you to join ${p.bandName} as ${article(p.role)} ${role}. RehearsalHub is where the band keeps, hears and discusses its rehearsal recordings.`,
      `Open the invite and sign in as ${p.to} to accept. New to RehearsalHub? The same email sign-in creates your account.`,
      `This invite is for ${p.to} only, works once, and expires on ${dateFormat.format(p.expiresAt)}.`,
    ],
    button: { label: `Join ${p.bandName}`, url: p.url },
    footer: `If you did not expect this invitation, you can safely ignore this email: nobody joins ${p.bandName} without accepting it.`,
  });
}

/** A short notice to a band's admins when someone joins or declines. */
export function inviteAnsweredNotice(p: {
  to: string;
  bandName: string;
  who: string;
  outcome: "joined" | "declined";
  via: "invite" | "join link";
  bandUrl: string;
}): Mail {
  const joined = p.outcome === "joined";
  const subject = joined ? `${p.who} joined ${p.bandName}` : `${p.who} declined the invite to ${p.bandName}`;
  return mail(p.to, subject, {
    preheader: subject,
    heading: subject,
    paragraphs: [
      joined
        ? `${p.who} accepted ${p.via === "invite" ? "their invite" : "the band's join link"} and is now a member of ${p.bandName}.`
        : `${p.who} declined the invite to ${p.bandName}. You can invite them again from the band's Invites page if this was a mistake.`,
    ],
    button: { label: joined ? "See the members" : "Open the invites", url: p.bandUrl },
    footer: `You receive this because you are an admin of ${p.bandName}.`,
  });
}
