import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { routeContext } from "@/server/access/route-context";
import { createContextInner, toTRPCError } from "@/server/api/trpc";
import { AppError, describeCause, unavailableHeaders } from "@/server/errors";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // The same one-query session lookup as the audio routes; roles are read later, per procedure.
    // When that lookup cannot reach the database, every call in the batch is a 503, not a 500.
    createContext: async () => {
      try {
        return createContextInner(await routeContext(req));
      } catch (error) {
        throw toTRPCError(error) ?? error;
      }
    },
    responseMeta({ errors }) {
      const [only] = errors;
      // Statuses tRPC has no code for (410 Gone) come from the domain error itself.
      if (errors.length === 1 && only?.cause instanceof AppError && only.cause.status === 410) return { status: 410 };
      // tRPC already answers 503 for SERVICE_UNAVAILABLE; clients also need to know when to retry.
      if (errors.some((e) => e.code === "SERVICE_UNAVAILABLE")) return { headers: unavailableHeaders() };
      return {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
      if (error.code === "SERVICE_UNAVAILABLE") console.error(`[trpc] ${path ?? "?"}: database unavailable: ${describeCause(error.cause?.cause ?? error.cause)}`);
    },
  });
}

export { handler as GET, handler as POST };
