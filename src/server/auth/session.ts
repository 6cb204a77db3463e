import { getServerSession } from "next-auth";
import { toAppError } from "@/server/errors";
import { rethrowingAdapterFailures } from "./adapter-failures";
import { getAuthOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * The signed-in user of the current request (from the database session), or
 * null. When the database cannot be reached this throws a SERVICE_UNAVAILABLE
 * AppError: an outage is not "signed out".
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return sessionUserVia(() => getServerSession(getAuthOptions()));
}

/** The lookup behind getSessionUser, with next-auth's call passed in (tests call it with a request's cookies). */
export async function sessionUserVia(lookup: () => Promise<unknown>): Promise<SessionUser | null> {
  let session: { user?: { id?: string; email?: string | null; name?: string | null } } | null;
  try {
    session = (await rethrowingAdapterFailures(() => lookup())) as typeof session;
  } catch (error) {
    throw toAppError(error) ?? error;
  }
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
