/**
 * The `?error=` codes this app adds to next-auth's own (Verification,
 * EmailSignin, ...). Shared by the server, which redirects with them, and the
 * sign-in page and form (features/auth), which say them.
 */
export const SIGN_IN_ERRORS = {
  InvalidEmail: "InvalidEmail",
  TooManyEmails: "TooManyEmails",
} as const;
