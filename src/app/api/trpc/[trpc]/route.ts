import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createContextInner({ db: getDb(), user: await getSessionUser() }),
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
