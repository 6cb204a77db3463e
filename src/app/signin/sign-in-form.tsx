"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestSignInLink } from "@/lib/request-sign-in-link";
import { emailAddress } from "@/lib/text";

// The server's rule, checked here first so the common mistakes are explained without a round trip.
const emailSchema = emailAddress();

export function SignInForm({ callbackUrl, defaultEmail, submitLabel = "Email me a sign-in link" }: { callbackUrl: string; defaultEmail: string; submitLabel?: string }) {
  const router = useRouter();
  const [email, setEmail] = useState(defaultEmail);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Enter a valid email address.");
      return;
    }
    setError(null);
    setPending(true);
    try {
      const result = await requestSignInLink(parsed.data, callbackUrl);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.push(`/signin/check-email?email=${encodeURIComponent(parsed.data)}`);
    } catch {
      setError("We could not reach RehearsalHub. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="signin-email">Email address</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          className="input"
          autoComplete="email"
          inputMode="email"
          placeholder="you@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "signin-email-error" : undefined}
          required
        />
        {error && (
          <p id="signin-email-error" className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
        {pending ? <><span className="spinner" aria-hidden="true" /> Sending…</> : submitLabel}
      </button>
    </form>
  );
}
