import type { PrismaClient } from "@/generated/prisma/client";
import { unsubscribe } from "./unsubscribe";

/**
 * POST /unsubscribe/[token] (src/proxy.ts sends it here): turns the mail off.
 * A mail provider's RFC 8058 one-click POST (body
 * "List-Unsubscribe=One-Click") gets a plain 200; the confirm page's own form
 * is sent back to the page (303), which then says it is done. No session is
 * needed: the token is the authority. GET never gets here.
 */
export async function handleUnsubscribePost(request: Request, db: PrismaClient, token: string): Promise<Response> {
  const body = await request.text().catch(() => "");
  const oneClick = new URLSearchParams(body.slice(0, 1000)).get("List-Unsubscribe") === "One-Click";
  const result = await unsubscribe(db, token);
  if (!result) {
    return oneClick
      ? new Response("Unknown unsubscribe link.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } })
      : new Response(null, { status: 303, headers: { Location: `/unsubscribe/${encodeURIComponent(token)}`, "Cache-Control": "no-store" } });
  }
  if (oneClick) return new Response(`Unsubscribed from ${result.scope}.`, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(null, { status: 303, headers: { Location: `/unsubscribe/${encodeURIComponent(token)}`, "Cache-Control": "no-store" } });
}
