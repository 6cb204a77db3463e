import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/trpc/server";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { signInErrorMessage } from "@/features/auth/sign-in-errors";
import { SignInForm } from "@/features/auth/ui/sign-in-form";
import { Alert } from "@/components/alert";

export const metadata: Metadata = { title: "Sign in" };

type Param = string | string[] | undefined;
type Props = { searchParams: Promise<{ callbackUrl?: Param; error?: Param; email?: Param; retryMinutes?: Param }> };

/** A repeated query parameter (?error=a&error=b) arrives as an array: only a single value counts. */
const one = (value: Param): string | undefined => (typeof value === "string" ? value : undefined);

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const [callbackUrl, error, email, retryMinutes] = [one(query.callbackUrl), one(query.error), one(query.email), one(query.retryMinutes)];
  const target = safeCallbackUrl(callbackUrl);
  const user = await currentUser();

  return (
    <div className="card auth-card stack">
      <div>
        <p className="eyebrow">Welcome</p>
        <h1>Sign in to RehearsalHub</h1>
        <p className="muted">We&apos;ll email you a link. No password to remember; new here? The same link creates your account.</p>
      </div>
      {error && (
        <Alert tone="error">
          {signInErrorMessage(error, { retryMinutes: Number(retryMinutes) || null })}
        </Alert>
      )}
      {user && (
        <Alert tone="info" announce={false}>
          You are signed in as <strong>{user.email}</strong>. <Link href={target}>Continue</Link>, or sign in below as someone else.
        </Alert>
      )}
      <SignInForm callbackUrl={target} defaultEmail={email ?? ""} />
    </div>
  );
}
