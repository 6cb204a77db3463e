import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import type { SessionUser } from "./session";

/**
 * The one session reader for requests that do not run next-auth's handler:
 * the tRPC context, the upload routes and the audio routes' one-statement
 * access check. next-auth's cookie names and the live-session lookup are here
 * and nowhere else.
 *
 * The session is looked up the way next-auth's database strategy does it (the
 * session cookie -> one indexed query on Session, refused once expired) but
 * without running next-auth's whole handler per request: the stream route is
 * hit for every seek and buffer refill, and getServerSession cost more than the
 * file serving itself in the benchmark. Pages still use getServerSession
 * (`getSessionUser`, session.ts), which also keeps the session's expiry rolling.
 * Nothing is cached, so signing out (deleting the session) takes effect on the
 * next request.
 */

/** next-auth v4's session cookie name: secure-prefixed when the app is served over https. */
export function sessionCookieName(appUrl = env().appUrl): string {
  return appUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The next-auth session token from a Cookie header, or null. */
export function sessionTokenFromCookies(header: string | null | undefined): string | null {
  return readCookie(header ?? null, sessionCookieName());
}

/**
 * The live session of a token as a subquery with one column, "userId": no row
 * once it expired or was deleted. The audio routes' access check joins it into
 * its one statement; PostgreSQL flattens it, so the plan is the plain join.
 */
export function liveSession(sessionToken: string): Prisma.Sql {
  return Prisma.sql`SELECT "userId" FROM "Session" WHERE "sessionToken" = ${sessionToken} AND "expires" > now()`;
}

/** The user of a live session token, or null. */
export async function sessionUserFromToken(db: PrismaClient, sessionToken: string): Promise<SessionUser | null> {
  // One statement per request (this runs on every API call and audio range
  // request); an expired session is no session.
  const [user] = await db.$queryRaw<SessionUser[]>`
    SELECT u."id", u."email", u."name"
    FROM (${liveSession(sessionToken)}) s
    JOIN "User" u ON u."id" = s."userId"`;
  return user ?? null;
}

/** The signed-in user of a request, from its session cookie, or null. */
export async function sessionUserFromRequest(db: PrismaClient, request: { headers: Headers }): Promise<SessionUser | null> {
  const token = sessionTokenFromCookies(request.headers.get("cookie"));
  return token ? sessionUserFromToken(db, token) : null;
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
