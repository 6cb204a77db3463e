/// <reference lib="webworker" />
/**
 * The service worker (served at /sw.js; bundled by scripts/sw-bundle.mjs).
 * It answers only what the person saved for offline, from their own cache:
 * - the build's scripts and styles: cache first (they are hashed, never change);
 * - saved setlist and song pages: network first, the saved copy when offline;
 *   any other page offline: the saved list at /offline, or a short notice;
 * - saved takes (audio, peaks, analysis): from the cache, with range requests
 *   answered as 206 from the whole file stored when it was saved.
 * It never stores an answer marked no-store, a redirect, a partial answer or
 * another origin's answer, and with nobody signed in it answers from no cache.
 */
import { CacheFirst, NetworkFirst, RangeRequestsPlugin, Serwist, setCacheNameDetails, type RouteHandlerCallbackOptions, type SerwistPlugin } from "serwist";
import { CACHE_PREFIX, isSaveablePage, isStaticAsset, isTakeFile, mayKeep, OFFLINE_PAGE, SESSION_CACHE, SESSION_KEY, STATIC_CACHE, userCacheName } from "@/features/offline/offline-rules";

declare const self: ServiceWorkerGlobalScope;

const keepOnlyKeepable: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (mayKeep(response) ? response : null),
};

/**
 * Whose cache may answer: the session entry the signed-in page wrote (read
 * without opening, so that nothing is created while nobody is signed in).
 * No entry, no cache.
 */
async function signedInCacheName(): Promise<string | null> {
  const entry = await caches.match(SESSION_KEY, { cacheName: SESSION_CACHE });
  const userId = entry ? (await entry.text()).trim() : "";
  return userId ? userCacheName(userId) : null;
}

async function signedInCache(): Promise<Cache | null> {
  const name = await signedInCacheName();
  return name && (await caches.has(name)) ? caches.open(name) : null;
}

const staticCacheFirst = new CacheFirst({ cacheName: STATIC_CACHE, plugins: [keepOnlyKeepable] });

/** The build's files are kept only while someone is signed in (signing out leaves no cache behind). */
async function staticAssets(options: RouteHandlerCallbackOptions): Promise<Response> {
  if (!(await signedInCacheName())) return (await caches.match(options.request, { cacheName: STATIC_CACHE })) ?? fetch(options.request);
  return staticCacheFirst.handle(options);
}

const OFFLINE_NOTICE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline · RehearsalHub</title>
<body style="font-family:system-ui,sans-serif;background:#141210;color:#f7f3ee;padding:2rem;line-height:1.5"><h1>You are offline</h1><p>This page was not saved for offline use, and nothing else is saved on this device.</p><p><a href="/" style="color:#f7f3ee">Try again</a></p></body></html>`;

async function offlineFallback(cache: Cache | null): Promise<Response> {
  const saved = await cache?.match(OFFLINE_PAGE);
  if (saved) return saved;
  return new Response(OFFLINE_NOTICE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

async function page({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const url = new URL(request.url);
  const cacheName = await signedInCacheName();
  const cache = cacheName ? await signedInCache() : null;
  const saved = cache && cacheName && isSaveablePage(url.pathname) ? await cache.match(url.pathname) : undefined;
  if (saved && cacheName) {
    // Network first: online, the saved copy is refreshed (a fresh 200 replaces it).
    const strategy = new NetworkFirst({ cacheName, networkTimeoutSeconds: 5, plugins: [keepOnlyKeepable, savedUnderPath(url.pathname)] });
    return strategy.handle({ request, event });
  }
  try {
    return await fetch(request);
  } catch {
    return offlineFallback(cache);
  }
}

/** Saved pages are kept under their path (the save stores them so): the query string (?take=, ?t=) is ignored. */
function savedUnderPath(pathname: string): SerwistPlugin {
  return { cacheKeyWillBeUsed: async () => pathname };
}

async function takeFile({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const url = new URL(request.url);
  const cacheName = await signedInCacheName();
  const cache = cacheName ? await signedInCache() : null;
  // Only the plain URL was saved (not ?source=original, the upload as it came).
  if (url.search || !cache || !cacheName || !(await cache.match(url.pathname))) return fetch(request);
  // The whole file was stored when it was saved; a range request is cut from it (206).
  // Keyed by the request itself (no query string here): RangeRequestsPlugin reads the Range header from it.
  const strategy = new CacheFirst({ cacheName, plugins: [new RangeRequestsPlugin(), keepOnlyKeepable] });
  return strategy.handle({ request, event });
}

const sameOrigin = (url: URL) => url.origin === self.location.origin;

// Serwist makes its (here empty) precache at install; under the app's prefix it goes with the rest at sign-out.
setCacheNameDetails({ prefix: CACHE_PREFIX.replace(/-$/, "") });

const serwist = new Serwist({
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    { matcher: ({ url, request }) => sameOrigin(url) && request.method === "GET" && isStaticAsset(url.pathname), handler: staticAssets },
    { matcher: ({ url, request }) => sameOrigin(url) && request.mode === "navigate", handler: page },
    { matcher: ({ url, request }) => sameOrigin(url) && request.method === "GET" && isTakeFile(url.pathname), handler: takeFile },
  ],
});

serwist.addEventListeners();
