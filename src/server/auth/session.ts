import { getServerSession } from "next-auth";
import { getAuthOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string | null };

/** The signed-in user of the current request (from the database session), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
