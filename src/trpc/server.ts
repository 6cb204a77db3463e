import "server-only";
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import superjson from "superjson";
import { isId } from "@/lib/ids";
import { createCaller, type AppRouter } from "@/compose/root-router";
import { createContextInner } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";

/** The signed-in user for this render, looked up once per request. */
export const currentUser = cache(getSessionUser);

/** The context of a server-side call: this request's user, and its id for the log. */
const renderContext = async () =>
  createContextInner({ db: getDb(), user: await currentUser(), requestId: (await headers()).get("x-request-id") ?? undefined });

/** A tRPC caller for React Server Components: same procedures, same checks, no HTTP. */
export const serverApi = cache(async () => createCaller(await renderContext()));

/**
 * The band as band.get returns it, loaded once per request: the band layout,
 * the page inside it and the page's tab title render in the same request and
 * share this one call (and its one access check), like Rallly's loaders. Each
 * caller still maps a refusal with its own return path through loadForPage.
 */
export const loadBand = cache(async (bandId: string) => (await serverApi()).band.get({ bandId }));

/** loadBand for a page or layout: sign-in redirect, 404, or the refusal to explain. */
export function loadBandForPage(bandId: string, returnTo: string) {
  return loadForPage(() => loadBand(bandId), returnTo);
}

// One query cache per request on the server. What a page prefetches into it is
// sent to the browser inside <HydrateClient>, so the client components that ask
// for the same query find it there instead of fetching it again.
const getQueryClient = cache(
  () =>
    new QueryClient({
      defaultOptions: {
        queries: { staleTime: 15_000 },
        dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) },
      },
    }),
);

const hydration = createHydrationHelpers<AppRouter>(
  createCaller(renderContext),
  getQueryClient,
);
/** Server-side prefetch: `await prefetch.member.list.prefetch({ bandId })`. Errors are left for the client to show. */
export const prefetch = hydration.trpc;
export const HydrateClient = hydration.HydrateClient;

/** The song a request is about, asked once per render: the song page and its tab title share it. */
export const songForRequest = cache(async (bandId: string, songId: string) => (await serverApi()).song.get({ bandId, songId }));

/**
 * A band page's tab title, "<section> · <band>" (the root layout adds the app's
 * name). A refusal or a missing band is the page's to explain: the title then
 * names only the section.
 */
export async function bandPageTitle(bandId: string, section?: string): Promise<string> {
  if (!isId(bandId)) return section ?? "Band";
  const band = await loadBand(bandId).catch(() => null);
  if (!band) return section ?? "Band";
  return section ? `${section} · ${band.name}` : band.name;
}

export const areIds = (...segments: string[]): boolean => segments.every(isId);

/** URL segments that cannot be ids (a NUL, a slash, a stray %) name nothing: the styled 404, before any query. */
export function notFoundUnlessIds(...segments: string[]): void {
  if (!segments.every(isId)) notFound();
}

/**
 * Runs a server-side tRPC call for a page: signed-out visitors go to sign-in,
 * unknown or malformed ids become the 404 page; FORBIDDEN is returned for the page to explain.
 */
export async function loadForPage<T>(
  call: () => Promise<T>,
  returnTo: string,
): Promise<{ ok: true; data: T } | { ok: false; reason: string | null; message: string }> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
      // A page's input comes from its URL: input that cannot name anything is a page that does not exist.
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "FORBIDDEN") {
        const reason = (error.cause as { reason?: string } | undefined)?.reason ?? null;
        return { ok: false, reason, message: error.message };
      }
    }
    throw error;
  }
}
