import type { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import type { SessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import type { RouteContext } from "./route-access";

/**
 * The app's database and the request's session user, for API route handlers
 * (tRPC and the audio routes).
 *
 * The session is looked up the way next-auth's database strategy does it (the
 * session cookie -> one indexed query on Session joined to User, refused once
 * expired) but without running next-auth's whole handler per request: the
 * stream route is hit for every seek and buffer refill, and getServerSession
 * cost more than the file serving itself in the benchmark. Pages still use
 * getServerSession, which also keeps the session's expiry rolling. Nothing is cached,
 * so signing out (deleting the session) takes effect on the next request.
 */
export async function routeContext(request: { headers: Headers }): Promise<RouteContext> {
  const db = getDb();
  return { db, user: await sessionUserFromRequest(db, request) };
}

/** next-auth v4's session cookie name: secure-prefixed when the app is served over https. */
export function sessionCookieName(appUrl = env().appUrl): string {
  return appUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The next-auth session token from a Cookie header, or null. */
export function sessionTokenFromCookies(header: string | null | undefined): string | null {
  return readCookie(header ?? null, sessionCookieName());
}

export async function sessionUserFromRequest(db: PrismaClient, request: { headers: Headers }): Promise<SessionUser | null> {
  const token = sessionTokenFromCookies(request.headers.get("cookie"));
  if (!token) return null;
  // One statement per request (this runs on every API call and audio range
  // request); an expired session is no session.
  const [user] = await db.$queryRaw<SessionUser[]>`
    SELECT u."id", u."email", u."name"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    WHERE s."sessionToken" = ${token} AND s."expires" > now()`;
  return user ?? null;
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
