import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { env } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import { sameOriginRedirect } from "@/lib/safe-callback-url";
import { getDb } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { describeCause } from "@/server/errors";
import { sendMail } from "@/server/mail/mailer";
import { log } from "@/server/log";
import { SIGN_IN_ERRORS } from "@/lib/sign-in-error-codes";
import { recordingFailures } from "./adapter-failures";
import { InvalidEmailError, normalizeSignInIdentifier } from "./email";
import { signInEmail } from "./sign-in-email";
import { takeSignInMail } from "./sign-in.rate-limits";

export const SIGN_IN_LINK_MINUTES = 10;

/**
 * next-auth's options for one database and one request's client address (the
 * per-client sign-in cap needs it; null when unknown, e.g. for getServerSession).
 */
export function buildAuthOptions({ db, clientAddress }: { db: PrismaClient; clientAddress: string | null }): NextAuthOptions {
  const { authSecret, appUrl } = env();
  return {
    // The Prisma adapter only calls model methods; its type names the stock client.
    adapter: recordingFailures(PrismaAdapter(db as never) as Adapter),
    secret: authSecret,
    // Database sessions: revocable, and they hold no roles. Roles are read per request.
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    // One structured line per problem, never next-auth's metadata: it can carry the address and the link.
    logger: {
      error(code, metadata) {
        const cause = metadata instanceof Error ? metadata : ((metadata as { error?: unknown } | undefined)?.error ?? metadata);
        // A mistyped or hostile address is the visitor's error, not ours.
        if (cause instanceof InvalidEmailError) return log().warn({ code }, "sign-in refused: not one plain email address");
        // During an outage next-auth would print a full stack for every page view.
        if (isDatabaseUnavailable(cause)) return log().error({ code, cause: describeCause(cause) }, "next-auth: database unavailable");
        log().error({ code, err: cause instanceof Error ? cause : undefined }, "next-auth error");
      },
      warn: (code) => log().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    providers: [
      EmailProvider({
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        from: env().emailFrom,
        // Throws for anything but one plain address: next-auth then mails nothing.
        normalizeIdentifier: normalizeSignInIdentifier,
        async sendVerificationRequest({ identifier, url }) {
          // Links always carry APP_URL's origin, never whatever Host the request claimed.
          const link = new URL(url);
          const base = new URL(appUrl);
          link.protocol = base.protocol;
          link.host = base.host;
          await sendMail(signInEmail({ to: identifier, url: link.toString(), minutesValid: SIGN_IN_LINK_MINUTES }));
        },
      }),
    ],
    callbacks: {
      async signIn({ account, email }) {
        // Only asking for a link is limited; following one is not.
        if (!email?.verificationRequest || !account) return true;
        // providerAccountId is the normalised address, the same whether or not an account exists.
        const verdict = await takeSignInMail(db, { email: account.providerAccountId, clientAddress });
        if (verdict.ok) return true;
        // Say which cap was hit: someone typing a fresh address must not read that "this address" got too many.
        const error = verdict.limit === "client" ? SIGN_IN_ERRORS.TooManyFromClient : SIGN_IN_ERRORS.TooManyEmails;
        return `${appUrl}/signin?${new URLSearchParams({ error, retryMinutes: String(verdict.retryMinutes) })}`;
      },
      redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
      session({ session, user }) {
        return { ...session, user: { id: user.id, email: user.email, name: user.name ?? null, image: null } };
      },
    },
  };
}

let options: NextAuthOptions | undefined;

/** The app's options (its database, no client address): for getServerSession. */
export function getAuthOptions(): NextAuthOptions {
  options ??= buildAuthOptions({ db: getDb(), clientAddress: null });
  return options;
}
