import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { routeContext } from "@/server/access/route-context";
import { createContextInner } from "@/server/api/trpc";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // The same one-query session lookup as the audio routes; roles are read later, per procedure.
    createContext: async () => createContextInner(await routeContext(req)),
    // Statuses tRPC has no code for (410 Gone) come from the domain error itself.
    responseMeta({ errors }) {
      const [only] = errors;
      if (errors.length === 1 && only?.cause instanceof AppError && only.cause.status === 410) return { status: 410 };
      return {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
