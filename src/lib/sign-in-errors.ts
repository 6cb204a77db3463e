/**
 * The `?error=` codes the sign-in page understands: next-auth's own
 * (Verification, EmailSignin, ...) and the two this app adds. Shared by the
 * server (which redirects with them) and the page and form (which say them).
 */
export const SIGN_IN_ERRORS = {
  InvalidEmail: "InvalidEmail",
  TooManyEmails: "TooManyEmails",
} as const;

export function signInErrorMessage(code: string, { retryMinutes }: { retryMinutes?: number | null } = {}): string {
  switch (code) {
    case SIGN_IN_ERRORS.InvalidEmail:
      return "That is not an email address we can send a link to. Enter one plain address, like you@example.com.";
    case SIGN_IN_ERRORS.TooManyEmails: {
      const wait = retryMinutes && retryMinutes > 0 ? `in ${retryMinutes} ${retryMinutes === 1 ? "minute" : "minutes"}` : "in a few minutes";
      return `Too many sign-in emails were sent to this address. Try again ${wait}, or use the newest link you already have.`;
    }
    case "Verification":
      return "That sign-in link has expired or was already used. Ask for a new one below.";
    case "EmailSignin":
      return "We could not send the sign-in email. Check the address and try again in a moment.";
    case "SessionRequired":
      return "Please sign in to continue.";
    default:
      return "Sign-in did not work. Please try again.";
  }
}
