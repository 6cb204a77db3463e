import { handleUnsubscribePost } from "@/features/notifications/unsubscribe.handler";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ token: string }> };

/** The one-click unsubscribe POST; the page at /unsubscribe/[token] is where people see it (src/proxy.ts rewrites POSTs here). */
export const POST = apiRoute(async (request: Request, { params }: Params) => handleUnsubscribePost(request, getDb(), (await params).token), {
  acceptsCrossSite: "token-only",
});
