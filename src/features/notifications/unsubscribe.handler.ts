import type { PrismaClient } from "@/generated/prisma/client";
import { settingsUrl } from "./notify.job";
import { unsubscribe } from "./unsubscribe";

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * POST /unsubscribe/[token] (src/proxy.ts sends it here): turns the mail off.
 * A mail provider's RFC 8058 one-click POST (body
 * "List-Unsubscribe=One-Click") gets a plain answer: 200 when it turned the
 * mail off, 200 saying nothing changed for a link already used, 410 for an
 * expired one, 404 for an unknown one. The confirm page's own form is sent
 * back to the page (303), which then says what happened. No session is
 * needed: the token is the authority. GET never gets here.
 */
export async function handleUnsubscribePost(request: Request, db: PrismaClient, token: string): Promise<Response> {
  const body = await request.text().catch(() => "");
  const oneClick = new URLSearchParams(body.slice(0, 1000)).get("List-Unsubscribe") === "One-Click";
  const result = await unsubscribe(db, token);
  const page = `/unsubscribe/${encodeURIComponent(token)}`;
  if (!oneClick) {
    // "done" lets the page tell this use from an earlier one; it changes nothing by itself.
    return new Response(null, { status: 303, headers: { Location: result?.state === "done" ? `${page}?done=1` : page, "Cache-Control": "no-store" } });
  }
  if (!result) return plain("Unknown unsubscribe link.", 404);
  if (result.state === "used") return plain("This link was already used; nothing changed.", 200);
  if (result.state === "expired") return plain(`This link has expired; nothing changed. Change your email settings at ${settingsUrl()}`, 410);
  return plain(`Unsubscribed from ${result.scope}.`, 200);
}
