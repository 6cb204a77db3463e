/**
 * The `?error=` codes this app adds to next-auth's own (Verification,
 * EmailSignin, ...). Shared by the server, which redirects with them, and the
 * sign-in page and form (features/auth), which say them.
 */
export const SIGN_IN_ERRORS = {
  InvalidEmail: "InvalidEmail",
  /** The per-address cap: too many links to this one address. */
  TooManyEmails: "TooManyEmails",
  /** The per-client cap (`SIGNIN_LIMIT_PER_IP`): too many links asked for from this device or network, whatever the addresses. */
  TooManyFromClient: "TooManyFromClient",
} as const;
