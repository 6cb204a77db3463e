"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria } from "@/components/form-field";
import { requestSignInLink } from "@/features/auth/request-sign-in-link";
import { signInInput } from "@/features/auth/sign-in.schema";

export function SignInForm({ callbackUrl, defaultEmail, submitLabel = "Email me a sign-in link" }: { callbackUrl: string; defaultEmail: string; submitLabel?: string }) {
  const router = useRouter();
  const errorId = useId();
  // The server's rule, checked here first so the common mistakes are explained without a round trip.
  const form = useForm({ resolver: zodResolver(signInInput), defaultValues: { email: defaultEmail } });
  const error = form.formState.errors.email;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    try {
      const result = await requestSignInLink(email, callbackUrl);
      if (!result.ok) return form.setError("email", { type: "server", message: result.message });
      router.push(`/signin/check-email?email=${encodeURIComponent(email)}`);
    } catch {
      form.setError("email", { type: "server", message: "We could not reach RehearsalHub. Check your connection and try again." });
    }
  });

  const pending = form.formState.isSubmitting;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="signin-email">Email address</label>
        <input
          id="signin-email"
          type="email"
          className="input"
          autoComplete="email"
          inputMode="email"
          placeholder="you@example.com"
          required
          {...form.register("email")}
          {...fieldAria(error, errorId)}
        />
        <FieldError id={errorId} error={error} />
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending}>
        {pending ? <><span className="spinner" aria-hidden="true" /> Sending…</> : submitLabel}
      </button>
    </form>
  );
}
