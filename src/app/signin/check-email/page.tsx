import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/env";
import { Icon } from "@/components/icon";
import { Alert } from "@/components/alert";

export const metadata: Metadata = { title: "Check your email" };

type Props = { searchParams: Promise<{ email?: string }> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const { email } = await searchParams;
  const { smtpUrl, outboxPageEnabled } = env();
  return (
    <div className="card auth-card stack" role="status">
      <div className="card-icon"><Icon name="mail" size={28} /></div>
      <h1>Check your email</h1>
      <p className="muted">
        We sent a sign-in link to <strong>{email ?? "your address"}</strong>. It works once and expires in 10 minutes.
        You can close this tab.
      </p>
      {!smtpUrl && outboxPageEnabled && (
        <Alert tone="info" announce={false}>
          This server has no mail server configured, so mail is kept in the <Link href="/outbox">outbox</Link>.
        </Alert>
      )}
      <p className="small faint">
        Nothing arrived? Check spam, or <Link href="/signin">try again</Link>.
      </p>
    </div>
  );
}
