import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { env } from "@/env";
import { log } from "@/server/log";
import { getDb } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { describeCause } from "@/server/errors";
import { sendMail } from "@/server/mail/mailer";
import { recordingFailures } from "./adapter-failures";
import { normalizeEmail } from "./email";
import { signInEmail } from "./sign-in-email";

export const SIGN_IN_LINK_MINUTES = 10;

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  const { authSecret, appUrl } = env();
  options = {
    // The Prisma adapter only calls model methods; its type names the stock client.
    adapter: recordingFailures(PrismaAdapter(getDb() as never) as Adapter),
    secret: authSecret,
    // Database sessions: revocable, and they hold no roles. Roles are read per request.
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      EmailProvider({
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        from: env().emailFrom,
        normalizeIdentifier: normalizeEmail,
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
    // During an outage next-auth would print a full stack for every page view: one line instead.
    logger: {
      error(code, metadata) {
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (isDatabaseUnavailable(cause)) log().error({ code, cause: describeCause(cause) }, "next-auth: database unavailable");
        // The error only: next-auth's metadata can carry the address and the sign-in link.
        else log().error({ code, err: cause instanceof Error ? cause : undefined }, "next-auth error");
      },
    },
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { id: user.id, email: user.email, name: user.name ?? null, image: null } };
      },
    },
  };
  return options;
}
