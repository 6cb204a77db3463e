import { unavailableHeaders } from "@/server/errors";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api-route";
import { isDraining } from "@/server/lifecycle/draining";
import { checkReadiness } from "@/server/lifecycle/readiness";
import { getStorage } from "@/server/storage";

// Readiness: 200 when this instance can serve (database and storage answer),
// 503 with Retry-After when it cannot, or while it shuts down.
export const dynamic = "force-dynamic";

const ready = apiRoute(async () => {
  const readiness = await checkReadiness({ db: getDb(), storage: getStorage(), draining: isDraining() });
  if (readiness.ready) return Response.json(readiness.body, { headers: { "Cache-Control": "no-store" } });
  return Response.json(readiness.body, { status: 503, headers: unavailableHeaders() });
});

export const GET = ready;
export const HEAD = ready;
