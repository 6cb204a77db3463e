import type { PrismaClient } from "@/generated/prisma/client";
import type { SessionUser } from "@/server/auth/session";
import { sessionUserFromRequest } from "@/server/auth/session-reader";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireBandAccess, type BandAccess } from "./band-access";
import type { BandRole } from "@/lib/roles";

/** What a route handler needs to decide access; route files build it, tests inject it. */
export type RouteContext = { db: PrismaClient; user: SessionUser | null };

/** The app's database and the request's session user (the one session reader), for API route handlers (tRPC, uploads). */
export async function routeContext(request: { headers: Headers }): Promise<RouteContext> {
  const db = getDb();
  return { db, user: await sessionUserFromRequest(db, request) };
}

/**
 * The access check for route handlers (upload, stream). `resolve` names the
 * band the request is about (e.g. by looking up a version); then exactly the
 * same requireBandAccess that bandMemberProcedure uses decides, read from the
 * database on every request. Nothing is cached, so a member who just joined
 * gets in and a removed one is refused on their very next request.
 */
export async function requireRouteBandAccess<T extends { bandId: string }>(
  ctx: RouteContext,
  resolve: () => Promise<T | null>,
  minRole: BandRole,
): Promise<{ access: BandAccess; target: T }> {
  // Anonymous callers learn nothing, not even whether the thing exists.
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
  const target = await resolve();
  if (!target) throw new AppError("NOT_FOUND", "Not found.");
  const access = await requireBandAccess(ctx.db, { userId: ctx.user.id, bandId: target.bandId, minRole });
  return { access, target };
}
