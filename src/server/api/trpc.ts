import "server-only";

import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { bandIdSchema } from "@/lib/ids";
import { requireBandAccess } from "@/server/access/band-access";
import type { BandRole } from "@/lib/roles";
import type { SessionUser } from "@/server/auth/session";
import { AppError, isUndecodableInput, toAppError, UNDECODABLE_INPUT_MESSAGE } from "@/server/errors";
import { currentRequestId, log, withRequestId } from "@/server/log";
import { transformer } from "./transformer";

/**
 * The tRPC foundation: context, error shape, and the chain of base procedures
 * publicProcedure -> protectedProcedure -> bandMemberProcedure(minRole),
 * each adding one guarantee to ctx.
 */

export type Context = {
  db: PrismaClient;
  user: SessionUser | null;
  /**
   * The HTTP request's id, for calls made while rendering a page (src/proxy.ts
   * sets it): their log lines then carry it like an API request's do.
   */
  requestId?: string;
  /** The request's Cookie header, for the public procedures that act by a cookie of their own (share links). */
  cookies?: string | null;
  /** Where such a procedure sets a cookie on the HTTP answer (absent outside HTTP). */
  responseHeaders?: Headers;
};

/** A context without HTTP: used by the route handler, RSC caller and tests. */
export function createContextInner(opts: Context): Context {
  return {
    db: opts.db,
    user: opts.user,
    ...(opts.requestId ? { requestId: opts.requestId } : {}),
    ...(opts.cookies ? { cookies: opts.cookies } : {}),
    ...(opts.responseHeaders ? { responseHeaders: opts.responseHeaders } : {}),
  };
}

export type Meta = {
  /** Set by bandMemberProcedure: the minimum role this procedure requires. */
  band?: { minRole: BandRole };
};

const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const appError = cause instanceof AppError ? cause : null;
      return {
        ...shape,
        message:
          error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : isUndecodableInput(error.code, cause) ? UNDECODABLE_INPUT_MESSAGE : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: appError?.status ?? shape.data.httpStatus,
          path: shape.data.path,
          reason: appError?.reason ?? null,
          zodError: cause instanceof ZodError ? { issues: cause.issues, ...z.flattenError(cause) } : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * A domain error (or a database error with a meaning: unreachable, unique,
 * missing row) as a typed tRPC error; null for anything else (a bug: 500).
 * Used by every procedure (below) and by the HTTP handler's createContext.
 */
export function toTRPCError(error: unknown): TRPCError | null {
  const appError = toAppError(error instanceof TRPCError ? error.cause : error);
  if (!appError) return null;
  const trpcError = new TRPCError({ code: appError.trpcCode, message: appError.message, cause: appError });
  // Pages render server-side calls' errors through error.tsx, which only sees the digest.
  if (appError.digest) Object.assign(trpcError, { digest: appError.digest });
  return trpcError;
}

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped) throw mapped;
  }
  return result;
});

/** A page render's calls log under their request's id (API requests already do). */
const tagLogLines = t.middleware(({ ctx, next }) =>
  ctx.requestId && !currentRequestId() ? withRequestId(ctx.requestId, () => next()) : next(),
);

export const publicProcedure = t.procedure.use(tagLogLines).use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
  return next({ ctx: { user: ctx.user } });
});

/** The shared id rule: a NUL or any non-id character is a 400 here, never a database error. */
export { bandIdSchema };

/**
 * Every band-scoped procedure is built from this. It reads the caller's
 * membership from the database on every call and hands the verified band and
 * role to the handler; handlers scope all data by ctx.band.id.
 */
export function bandMemberProcedure(minRole: BandRole) {
  return protectedProcedure
    .meta({ band: { minRole } })
    .input(z.object({ bandId: bandIdSchema }))
    .use(async ({ ctx, input, next, path }) => {
      const access = await requireBandAccess(ctx.db, { userId: ctx.user.id, bandId: input.bandId, minRole });
      // At debug level only: lets a test count access checks per page render.
      log().debug({ procedure: path, bandId: access.band.id }, "band access checked");
      return next({ ctx: { band: access.band, role: access.role } });
    });
}
