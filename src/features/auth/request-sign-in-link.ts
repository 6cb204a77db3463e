import { getCsrfToken } from "next-auth/react";
import { signInErrorMessage } from "./sign-in-errors";

export type SignInLinkResult = { ok: true } | { ok: false; message: string };

/**
 * Asks for a magic link the way next-auth's client does (csrf token, then the
 * email endpoint with json=true), but keeps the whole answer, so the form can
 * say why it was refused and for how long ("try again in 12 minutes").
 */
export async function requestSignInLink(email: string, callbackUrl: string): Promise<SignInLinkResult> {
  const csrfToken = (await getCsrfToken()) ?? "";
  const response = await fetch("/api/auth/signin/email", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken, callbackUrl, json: "true" }),
  });
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  const next = new URL(data.url ?? "/api/auth/error", window.location.href);
  // Success is next-auth's "check your email" step; anything else (an error, or a retry after a stale csrf token) is not.
  if (response.ok && next.pathname.endsWith("/verify-request") && !next.searchParams.get("error")) return { ok: true };
  const retryMinutes = Number(next.searchParams.get("retryMinutes")) || null;
  return { ok: false, message: signInErrorMessage(next.searchParams.get("error") ?? "EmailSignin", { retryMinutes }) };
}
