import { emailAddress } from "@/lib/text";

/** The sign-in address rule: the one-plain-address schema invites and the sign-in form (features/auth) use. */
const signInEmailSchema = emailAddress();


/** A user's identity is their verified email, compared trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type ParsedEmail = { ok: true; email: string } | { ok: false; message: string };

/** Any client-sent value (a string, an array from a JSON body, nothing) as one plain address, or why not. */
export function parseSignInEmail(value: unknown): ParsedEmail {
  const parsed = signInEmailSchema.safeParse(value);
  if (parsed.success) return { ok: true, email: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter one plain email address." };
}

export class InvalidEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidEmailError";
  }
}

/**
 * next-auth's normalizeIdentifier: one plain address, lower-cased and trimmed,
 * or a throw. next-auth then answers error=EmailSignin without looking the
 * address up or creating a token, so nothing is mailed and nothing reaches the
 * database (a NUL there used to be a 500).
 */
export function normalizeSignInIdentifier(value: unknown): string {
  const parsed = parseSignInEmail(value);
  if (!parsed.ok) throw new InvalidEmailError(parsed.message);
  return parsed.email;
}
