import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/env";
import { readOutbox } from "@/server/mail/mailer";
import { Icon } from "@/components/icon";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

/** Mail delivered locally when no SMTP_URL is set. Development only unless OUTBOX_PAGE=true. */
export default async function OutboxPage() {
  if (!env().outboxPageEnabled) notFound();
  const mails = await readOutbox();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <p className="eyebrow">Local mail</p>
          <h1>Outbox</h1>
          <p className="muted">No SMTP_URL is configured, so emails are kept here instead of being sent. Newest first.</p>
        </div>
      </div>
      {mails.length === 0 ? (
        <div className="empty-state">
          <div className="icon"><Icon name="inbox" size={32} /></div>
          <h2>No mail yet</h2>
          <p>Sign-in links and invites will show up here.</p>
        </div>
      ) : (
        <ul className="list">
          {mails.map((mail) => (
            <li key={mail.id} className="stack-sm">
              <div className="row-between">
                <strong>{mail.subject}</strong>
                <time className="small faint" dateTime={mail.sentAt}>
                  {new Date(mail.sentAt).toLocaleString("en-GB")}
                </time>
              </div>
              <div className="small muted">To: {mail.to}</div>
              <pre className="mono small" style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {mail.text.split(/(https?:\/\/\S+)/g).map((part, i) =>
                  /^https?:\/\//.test(part) ? (
                    <a key={i} href={part}>
                      {part}
                    </a>
                  ) : (
                    part
                  ),
                )}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
