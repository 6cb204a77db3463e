import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/compose/root-router";
import { routeContext } from "@/server/access/route-access";
import { createContextInner, toTRPCError } from "@/server/api/trpc";
import { AppError, describeCause, unavailableHeaders } from "@/server/errors";
import { apiRoute } from "@/server/http/api-route";
import { readBodyWithLimit } from "@/server/http/read-body";
import { log } from "@/server/log";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/trpc/request-limits";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  // The body is read here, under a cap, before tRPC parses it: an oversized body
  // is refused (413) without being held in memory. tRPC then formats the refusal
  // like any other error, so the client shows its message.
  let tooLarge = false;
  let trpcRequest = req;
  if (req.method === "POST") {
    const limited = await readBodyWithLimit(req, TRPC_MAX_BODY_BYTES);
    tooLarge = !limited.ok;
    trpcRequest = new Request(req.url, {
      method: "POST",
      headers: req.headers,
      body: limited.ok ? limited.body : "{}",
      signal: req.signal,
    });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: trpcRequest,
    router: appRouter,
    // The app's client splits bigger batches (src/trpc/react.tsx); a larger one is not ours.
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    // The same one-query session lookup as the audio routes; roles are read later, per
    // procedure. When it cannot reach the database, every call in the batch is a 503.
    createContext: async ({ resHeaders }) => {
      if (tooLarge) {
        throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `That request is too large (the limit is ${TRPC_MAX_BODY_BYTES / 1024 / 1024} MB).` });
      }
      try {
        return createContextInner({ ...(await routeContext(req)), cookies: req.headers.get("cookie"), responseHeaders: resHeaders });
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
      if (error.code === "INTERNAL_SERVER_ERROR") log().error({ err: error.cause ?? error, procedure: path ?? null }, "procedure failed");
      if (error.code === "SERVICE_UNAVAILABLE") log().error({ procedure: path ?? null, cause: describeCause(error.cause?.cause ?? error.cause) }, "database unavailable");
    },
  });
}

const route = apiRoute(handler);
export { route as GET, route as POST };
