import "server-only";

import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { isId } from "@/lib/ids";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";

/** The signed-in user for this render, looked up once per request. */
export const currentUser = cache(getSessionUser);

/** A tRPC caller for React Server Components: same procedures, same checks, no HTTP. */
export const serverApi = cache(async () => createCaller(createContextInner({ db: getDb(), user: await currentUser() })));

/** URL segments that cannot be ids (a NUL, a slash, a stray %) name nothing: the styled 404, before any query. */
export function notFoundUnlessIds(...segments: string[]): void {
  if (!segments.every(isId)) notFound();
}

/**
 * Runs a server-side tRPC call for a page: signed-out visitors go to sign-in,
 * unknown or malformed ids become the 404 page; FORBIDDEN is returned for the page to explain.
 */
export async function loadForPage<T>(
  call: () => Promise<T>,
  returnTo: string,
): Promise<{ ok: true; data: T } | { ok: false; reason: string | null; message: string }> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
      // A page's input comes from its URL: input that cannot name anything is a page that does not exist.
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "FORBIDDEN") {
        const reason = (error.cause as { reason?: string } | undefined)?.reason ?? null;
        return { ok: false, reason, message: error.message };
      }
    }
    throw error;
  }
}
