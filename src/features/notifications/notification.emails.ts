import { renderEmailHtml, renderEmailText, type EmailContent } from "@/server/mail/layout";
import type { Mail } from "@/server/mail/mailer";

export type Person = { name: string | null } | null;

/** A person as mail shows them: their display name, never their address. */
export function displayName(person: Person, fallback = "A bandmate"): string {
  return person?.name?.trim() || fallback;
}

export type TakeNews = { bandName: string; songTitle: string; takeNumber: number; uploader: Person; url: string };
export type CommentNews = { bandName: string; songTitle: string; takeNumber: number; author: Person; body: string; url: string };

const quote = (body: string) => `"${body.length > 280 ? `${body.slice(0, 277)}...` : body}"`;

export function takeSentence(n: TakeNews): string {
  return `${displayName(n.uploader)} uploaded take ${n.takeNumber} of "${n.songTitle}" in ${n.bandName}.`;
}
export function replySentence(n: CommentNews): string {
  return `${displayName(n.author)} replied to your comment on take ${n.takeNumber} of "${n.songTitle}" in ${n.bandName}:`;
}
export function mentionSentence(n: CommentNews): string {
  return `${displayName(n.author)} mentioned you on take ${n.takeNumber} of "${n.songTitle}" in ${n.bandName}:`;
}

/** Unsubscribe headers (RFC 2369 + RFC 8058 one-click): a POST to the link turns this kind of mail off. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

function mail(to: string, subject: string, content: EmailContent, unsubscribeUrl: string): Mail {
  return { to, subject, text: renderEmailText(content), html: renderEmailHtml(content), headers: unsubscribeHeaders(unsubscribeUrl) };
}

const footer = (what: string, unsubscribeUrl: string, settingsUrl: string) =>
  `You get this because ${what}. Stop these emails: ${unsubscribeUrl} . All email settings: ${settingsUrl}`;

export function takeMail(to: string, n: TakeNews, links: { unsubscribeUrl: string; settingsUrl: string }): Mail {
  return mail(
    to,
    `New take of ${n.songTitle} from ${displayName(n.uploader)}`,
    {
      preheader: takeSentence(n),
      heading: `A new take of ${n.songTitle}`,
      paragraphs: [takeSentence(n)],
      button: { label: "Listen", url: n.url },
      footer: footer("new takes are set to instant in your email settings", links.unsubscribeUrl, links.settingsUrl),
    },
    links.unsubscribeUrl,
  );
}

export function commentMail(to: string, kind: "reply" | "mention", n: CommentNews, links: { unsubscribeUrl: string; settingsUrl: string }): Mail {
  const sentence = kind === "reply" ? replySentence(n) : mentionSentence(n);
  return mail(
    to,
    kind === "reply" ? `${displayName(n.author)} replied to you on ${n.songTitle}` : `${displayName(n.author)} mentioned you on ${n.songTitle}`,
    {
      preheader: sentence,
      heading: kind === "reply" ? "A reply to your comment" : "You were mentioned",
      paragraphs: [sentence, quote(n.body)],
      button: { label: "Open the comment", url: n.url },
      footer: footer(`${kind === "reply" ? "replies" : "mentions"} are set to instant in your email settings`, links.unsubscribeUrl, links.settingsUrl),
    },
    links.unsubscribeUrl,
  );
}

/** How many comments one grouped mail lists; the rest are counted, and wait on the song page. */
export const GROUPED_MAIL_MAX_ITEMS = 50;

/**
 * One mail for several replies or mentions that came in within one window,
 * each with who, where, what they wrote and a link; a single one reads as
 * before. Everything in it is plain text, escaped by the layout.
 */
export function commentsMail(to: string, kind: "reply" | "mention", items: CommentNews[], links: { unsubscribeUrl: string; settingsUrl: string }): Mail {
  if (items.length === 1) return commentMail(to, kind, items[0]!, links);
  const count = items.length;
  const listed = items.slice(0, GROUPED_MAIL_MAX_ITEMS);
  const sentence = kind === "reply" ? replySentence : mentionSentence;
  const paragraphs: EmailContent["paragraphs"] = listed.map((n) => ({ text: `- ${sentence(n)} ${quote(n.body)}`, link: { label: "Open this comment", url: n.url } }));
  if (count > listed.length) paragraphs.push(`...and ${count - listed.length} more on RehearsalHub.`);
  const subject = kind === "reply" ? `${count} replies to your comments` : `You were mentioned ${count} times`;
  return mail(
    to,
    subject,
    {
      preheader: sentence(items[0]!),
      heading: kind === "reply" ? `${count} replies to your comments` : `${count} comments mention you`,
      paragraphs,
      footer: footer(
        `${kind === "reply" ? "replies" : "mentions"} are set to instant in your email settings (several within a few minutes come in one email)`,
        links.unsubscribeUrl,
        links.settingsUrl,
      ),
    },
    links.unsubscribeUrl,
  );
}

export type DigestEntry = { bandName: string; sentence: string; body?: string; url: string };

/** One mail for a day's news across all of someone's bands, grouped by band. */
export function digestMail(to: string, entries: DigestEntry[], links: { unsubscribeUrl: string; settingsUrl: string }): Mail {
  const bands = [...new Set(entries.map((e) => e.bandName))];
  const paragraphs = bands.flatMap((bandName) => [
    `${bandName}:`,
    ...entries
      .filter((e) => e.bandName === bandName)
      .map((e) => ({ text: `- ${e.sentence}${e.body ? ` ${quote(e.body)}` : ""}`, link: { label: e.body != null ? "Open this comment" : "Listen", url: e.url } })),
  ]);
  const count = entries.length;
  return mail(
    to,
    `Your bands today: ${count} new ${count === 1 ? "thing" : "things"}`,
    {
      preheader: entries[0]?.sentence ?? "",
      heading: "What is new in your bands",
      paragraphs,
      footer: footer("you chose a daily digest in your email settings", links.unsubscribeUrl, links.settingsUrl),
    },
    links.unsubscribeUrl,
  );
}
