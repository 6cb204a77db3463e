import "server-only";

import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { env } from "@/env";
import { sameOriginRedirect } from "@/lib/safe-callback-url";
import { getDb } from "@/server/db";
import { clientAddress } from "@/server/http/client-address";
import { parseSignInEmail } from "./email";
import { buildAuthOptions } from "./options";
import { SIGN_IN_ERRORS } from "@/lib/sign-in-error-codes";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * /api/auth/*: next-auth's own handler, after two checks it cannot do itself.
 * next-auth validates callbackUrl (query and cookie) before any callback runs
 * and answers an unparsable one with a 500, so both are replaced by their
 * same-origin form first. And a sign-in request whose address is not one plain
 * address is answered here with error=InvalidEmail, which the sign-in page can
 * explain (next-auth's own normaliser, which also refuses it, can only say the
 * generic EmailSignin).
 */
export async function handleAuthRoute(request: NextRequest, context: RouteContext): Promise<Response> {
  const prepared = await prepareAuthRequest(request);
  if (prepared instanceof Response) return prepared;
  await replaceForeignCallbackCookie();
  const { trustProxy } = env();
  const options = buildAuthOptions({ db: getDb(), clientAddress: clientAddress(request.headers, { trustProxy }) });
  return NextAuth(prepared as never, context as never, options) as Promise<Response>;
}

/** The request next-auth should see (callbackUrl made same-origin), or the answer to a malformed sign-in. */
export async function prepareAuthRequest(request: Request): Promise<NextRequest | Response> {
  const { appUrl } = env();
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) url.searchParams.set("callbackUrl", sameOriginRedirect(callbackUrl, appUrl));

  let body: string | undefined;
  if (request.method === "POST") {
    body = await request.text();
    if (url.pathname.endsWith("/signin/email")) {
      const form = readBody(body, request.headers.get("content-type"));
      const emails = form.getAll("email");
      const parsed = parseSignInEmail(emails.length === 1 ? emails[0] : undefined);
      if (!parsed.ok) {
        const to = `${appUrl}/signin?${new URLSearchParams({ error: SIGN_IN_ERRORS.InvalidEmail })}`;
        // The same two shapes next-auth answers with: JSON for its client (json=true), a redirect for a form post.
        return form.get("json") === "true" ? Response.json({ url: to }) : new Response(null, { status: 302, headers: { Location: to } });
      }
    }
  }
  return new NextRequest(url, { method: request.method, headers: request.headers, body });
}

/** Form and JSON bodies as next-auth reads them, but keeping repeated fields (a second `email` is refused, not dropped). */
function readBody(body: string, contentType: string | null): { getAll(name: string): unknown[]; get(name: string): unknown } {
  if (contentType?.includes("application/json")) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      value = null;
    }
    const record = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return { getAll: (name) => (name in record ? [record[name]] : []), get: (name) => record[name] };
  }
  const params = new URLSearchParams(body);
  return { getAll: (name) => params.getAll(name), get: (name) => params.get(name) };
}

/** next-auth reads its callback-url cookie through next/headers, so it is rewritten there. */
async function replaceForeignCallbackCookie(): Promise<void> {
  const { appUrl } = env();
  const store = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = store.get(name)?.value;
    if (!value) continue;
    const safe = sameOriginRedirect(value, appUrl);
    if (safe !== value) store.set(name, safe, { path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}
