import type { Metadata } from "next";
import Link from "next/link";
import { Icon } from "@/components/icon";
import { previewUnsubscribe } from "@/features/notifications/unsubscribe";
import { getDb } from "@/server/db";

// The token is in this page's URL: never send it on as a Referer, never index it.
export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

/**
 * Opening the link only asks (mail scanners open links); the button is a
 * plain form POST to this same URL, which works signed out and without
 * JavaScript, as does a mail provider's one-click POST.
 */
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { token } = await params;
  // Set by this page's own form after the use it made: only the wording differs.
  const justDone = (await searchParams).done === "1";
  const link = await previewUnsubscribe(getDb(), token);
  return (
    <div className="card auth-card stack" style={{ maxWidth: 520 }}>
      <div className="card-icon">
        <Icon name="mail" size={28} />
      </div>
      {!link ? (
        <>
          <h1>This link does not work</h1>
          <p className="muted">It may have been copied only in part. You can change every email setting after signing in.</p>
        </>
      ) : link.state === "used" && justDone ? (
        <>
          <h1>You are unsubscribed</h1>
          <p role="status">
            RehearsalHub sends you no more {link.scope}. Other emails stay as they were.
          </p>
        </>
      ) : link.state === "used" ? (
        <>
          <h1>This link was already used</h1>
          <p role="status">
            This link was already used; nothing changed. Each unsubscribe link works once, so turning {link.scope} back on in your settings stays that way.
          </p>
        </>
      ) : link.state === "expired" ? (
        <>
          <h1>This link has expired</h1>
          <p role="status">
            Unsubscribe links work for 90 days; nothing changed. To turn off {link.scope}, use <Link href="/settings/notifications">your email settings</Link>.
          </p>
        </>
      ) : (
        <>
          <h1>Unsubscribe?</h1>
          <p>
            This turns off {link.scope}. Other emails (for example replies to your comments, or sign-in links) stay as they are.
          </p>
          <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`}>
            <button type="submit" className="btn btn-primary">
              Unsubscribe
            </button>
          </form>
        </>
      )}
      <p className="small muted">
        <Link href="/settings/notifications">All email settings</Link> (you may be asked to sign in).
      </p>
    </div>
  );
}
