import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/trpc/server";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  EmailSignin: "We could not send the sign-in email. Please try again in a moment.",
  SessionRequired: "Please sign in to continue.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; email?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, email } = await searchParams;
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
        <div className="alert alert-error" role="alert">
          {errorMessages[error] ?? "Sign-in did not work. Please try again."}
        </div>
      )}
      {user && (
        <div className="alert alert-info">
          You are signed in as <strong>{user.email}</strong>. <Link href={target}>Continue</Link>, or sign in below as someone else.
        </div>
      )}
      <SignInForm callbackUrl={target} defaultEmail={email ?? ""} />
    </div>
  );
}
