/**
 * The page's side of offline use: saving a setlist or a song into the signed-in
 * person's cache, listing and removing what is saved, telling the service
 * worker whose cache it may answer from, and clearing everything at sign-out.
 * Browser only (Cache Storage); the rules it follows are in offline-rules.ts.
 */
import {
  CACHE_PREFIX,
  DRAFT_PREFIX,
  isGone,
  isUserCache,
  ITEM_KEY_PREFIX,
  itemKey,
  mayKeep,
  SESSION_CACHE,
  SESSION_KEY,
  STATIC_CACHE,
  staticAssetsIn,
  urlsToRemove,
  urlsToSave,
  hasNewerTakes,
  userCacheName,
  type SavedItem,
  type SavedKind,
  type SavedTake,
} from "./offline-rules";

export function offlineSupported(): boolean {
  return typeof window !== "undefined" && "caches" in window && "serviceWorker" in navigator;
}

/** Whose saved things the service worker may answer with; other people's saved things are removed. */
export async function setSignedInPerson(userId: string): Promise<void> {
  const session = await caches.open(SESSION_CACHE);
  await session.put(SESSION_KEY, new Response(userId, { headers: { "Content-Type": "text/plain" } }));
  const mine = userCacheName(userId);
  for (const name of await caches.keys()) if (isUserCache(name) && name !== mine) await caches.delete(name);
}

/** Signing out (or a page rendered for nobody): every cache of the app goes, saved takes and comment drafts included. */
export async function clearOfflineData(): Promise<void> {
  if (typeof window === "undefined") return;
  try {
    const drafts = Object.keys(localStorage).filter((key) => key.startsWith(DRAFT_PREFIX));
    drafts.forEach((key) => localStorage.removeItem(key));
  } catch {
    // Storage blocked: there are no drafts to remove.
  }
  if (!("caches" in window)) return;
  for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
}

export type SaveProgress = { done: number; total: number; bytes: number };

export type SaveRequest = { kind: SavedKind; id: string; bandId: string; title: string; pageUrl: string; takes: SavedTake[] };

export class SaveError extends Error {}

async function fetchForSaving(url: string): Promise<Response> {
  // The whole file, straight from the server: a cached or partial copy is not what we keep.
  return fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "follow" });
}

/** Saves a setlist or a song: every page, take, peaks and analysis it needs, then its description. */
export async function saveForOffline(userId: string, request: SaveRequest, onProgress: (progress: SaveProgress) => void): Promise<SavedItem> {
  await setSignedInPerson(userId);
  const cache = await caches.open(userCacheName(userId));
  const statics = await caches.open(STATIC_CACHE);
  const { required, optional } = urlsToSave(request);
  const all = [...required, ...optional];
  const kept: string[] = [];
  let bytes = 0;
  let done = 0;
  const assets = new Set<string>(performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/_next/static/")));
  onProgress({ done, total: all.length, bytes });
  for (const url of all) {
    const response = await fetchForSaving(url);
    const isRequired = required.includes(url);
    if (response.ok && mayKeep(response)) {
      const body = await response.clone().arrayBuffer();
      bytes += body.byteLength;
      if ((response.headers.get("content-type") ?? "").startsWith("text/html")) staticAssetsIn(new TextDecoder().decode(body)).forEach((a) => assets.add(a));
      await cache.put(url, response);
      kept.push(url);
    } else if (isRequired) {
      throw new SaveError(isGone(response.status) ? "You can no longer open part of this, so it was not saved." : `Part of this could not be saved (${response.status}). Try again.`);
    }
    done += 1;
    onProgress({ done, total: all.length, bytes });
  }
  // The build's scripts and styles those pages load (shared by everyone, kept once).
  for (const asset of assets) {
    if (await statics.match(asset)) continue;
    const response = await fetch(asset, { credentials: "same-origin" }).catch(() => null);
    if (response?.ok && mayKeep(response)) await statics.put(asset, response);
  }
  const item: SavedItem = { ...request, url: request.pageUrl, savedAt: new Date().toISOString(), bytes, urls: kept };
  await cache.put(itemKey(request.kind, request.id), Response.json(item));
  return item;
}

/** Everything this person saved, newest first. */
export async function listSaved(userId: string): Promise<SavedItem[]> {
  const name = userCacheName(userId);
  if (!(await caches.has(name))) return [];
  const cache = await caches.open(name);
  const items: SavedItem[] = [];
  for (const request of await cache.keys()) {
    if (!new URL(request.url).pathname.startsWith(ITEM_KEY_PREFIX)) continue;
    const response = await cache.match(request);
    if (response) items.push((await response.json()) as SavedItem);
  }
  return items.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function findSaved(userId: string, kind: SavedKind, id: string): Promise<SavedItem | null> {
  const name = userCacheName(userId);
  if (!(await caches.has(name))) return null;
  const response = await (await caches.open(name)).match(itemKey(kind, id));
  return response ? ((await response.json()) as SavedItem) : null;
}

/** Removes a saved item and the files no other saved item needs. */
export async function removeSaved(userId: string, kind: SavedKind, id: string): Promise<void> {
  const cache = await caches.open(userCacheName(userId));
  const items = await listSaved(userId);
  const item = items.find((i) => i.kind === kind && i.id === id);
  if (!item) return;
  const others = items.filter((i) => i !== item);
  for (const url of urlsToRemove(item, others)) await cache.delete(url);
  await cache.delete(itemKey(kind, id));
}

/** A tRPC query over GET, as the app's client sends it (superjson's envelope). */
async function query<T>(path: string, input: unknown): Promise<{ status: number; data: T | null }> {
  const response = await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return { status: response.status, data: null };
  const body = (await response.json()) as { result: { data: { json: T } } };
  return { status: response.status, data: body.result.data.json };
}

type SetlistTakes = { name: string; songs: { songId: string; take: { versionId: string } | null }[] };
type SongTakes = { id: string; songId: string; isBest: boolean }[];

/** The takes a setlist plays now: each song's chosen take. */
export function setlistTakes(setlist: SetlistTakes): SavedTake[] {
  return setlist.songs.flatMap((s) => (s.take ? [{ songId: s.songId, versionId: s.take.versionId }] : []));
}

/** The take a song page opens on: its best take, else its newest. */
export function songTake(songId: string, versions: { id: string; isBest: boolean }[]): SavedTake[] {
  const take = versions.find((v) => v.isBest) ?? versions[0];
  return take ? [{ songId, versionId: take.id }] : [];
}

export type CheckOutcome = { removed: SavedItem[]; refreshed: SavedItem[] };

/**
 * Back online: asks the server about each saved item. What the person may no
 * longer see (401, 403, 404) is removed; an item whose chosen takes changed is
 * saved again with the new ones.
 */
export async function checkSaved(userId: string): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { removed: [], refreshed: [] };
  for (const item of await listSaved(userId)) {
    const current =
      item.kind === "setlist"
        ? await query<SetlistTakes>("setlist.get", { bandId: item.bandId, setlistId: item.id }).then((r) => ({ status: r.status, takes: r.data ? setlistTakes(r.data) : null }))
        : await query<SongTakes>("version.list", { bandId: item.bandId, songId: item.id }).then((r) => ({ status: r.status, takes: r.data ? songTake(item.id, r.data) : null }));
    if (isGone(current.status)) {
      await removeSaved(userId, item.kind, item.id);
      outcome.removed.push(item);
    } else if (current.takes && hasNewerTakes(item.takes, current.takes)) {
      const saved = await saveForOffline(userId, { kind: item.kind, id: item.id, bandId: item.bandId, title: item.title, pageUrl: item.url, takes: current.takes }, () => {});
      const cache = await caches.open(userCacheName(userId));
      const others = (await listSaved(userId)).filter((i) => !(i.kind === item.kind && i.id === item.id));
      for (const url of urlsToRemove(item, [...others, saved])) await cache.delete(url);
      outcome.refreshed.push(saved);
    }
  }
  return outcome;
}
