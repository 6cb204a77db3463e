import { SIGN_IN_ERRORS } from "@/lib/sign-in-error-codes";

/**
 * What the sign-in page and form say for each `?error=` code: next-auth's own
 * (Verification, EmailSignin, ...) and the two this app adds.
 */
export function signInErrorMessage(code: string, { retryMinutes }: { retryMinutes?: number | null } = {}): string {
  const wait = retryMinutes && retryMinutes > 0 ? `in ${retryMinutes} ${retryMinutes === 1 ? "minute" : "minutes"}` : "in a few minutes";
  switch (code) {
    case SIGN_IN_ERRORS.InvalidEmail:
      return "That is not an email address we can send a link to. Enter one plain address, like you@example.com.";
    case SIGN_IN_ERRORS.TooManyEmails:
      return `Too many sign-in emails were sent to this address. Try again ${wait}, or use the newest link you already have.`;
    case SIGN_IN_ERRORS.TooManyFromClient:
      return `Too many sign-in links were asked for from this device or network, whatever the address. Try again ${wait}.`;
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
