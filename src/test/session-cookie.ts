import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";

/**
 * next-auth's session cookie for a user, backed by a real Session row that is
 * valid for an hour, as a signed-in browser sends it: one row per user, made
 * on first use. `db` is a getter because a test file's database is made in
 * beforeAll, after this is called.
 */
export function sessionCookies(db: () => PrismaClient): (user: { id: string }) => Promise<string> {
  const cookies = new Map<string, Promise<string>>();
  return (user) => {
    let cookie = cookies.get(user.id);
    if (!cookie) {
      const token = randomBytes(32).toString("hex");
      cookie = db()
        .session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) } })
        .then(() => `next-auth.session-token=${token}`);
      // A failed insert is not remembered: the next call tries again.
      cookie.catch(() => cookies.delete(user.id));
      cookies.set(user.id, cookie);
    }
    return cookie;
  };
}
