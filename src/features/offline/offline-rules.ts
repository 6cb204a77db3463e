/**
 * What the service worker and the "Save for offline" buttons agree on: cache
 * names, which answers may be kept, and which URLs make up a saved setlist or
 * song. Pure: it runs in the page, in the service worker and in unit tests.
 */

/** Every cache the app makes starts with this, so signing out can remove them all. */
export const CACHE_PREFIX = "rehearsalhub-";
/** The build's hashed scripts and styles: the same for everyone, never personal. */
export const STATIC_CACHE = `${CACHE_PREFIX}static`;
/** Holds one entry naming whose saved things the service worker may answer with. */
export const SESSION_CACHE = `${CACHE_PREFIX}session`;
export const SESSION_KEY = "/__offline/session";
/** Where a saved item's description (title, URLs, size, when) is kept, beside its pages. */
export const ITEM_KEY_PREFIX = "/__offline/items/";
export const OFFLINE_PAGE = "/offline";

/** Comments being typed are kept in localStorage under this prefix (removed at sign-out). */
export const DRAFT_PREFIX = `${CACHE_PREFIX}draft:`;

export function commentDraftKey(versionId: string): string {
  return `${DRAFT_PREFIX}comment:${versionId}`;
}

const USER_CACHE_PREFIX = `${CACHE_PREFIX}saved-`;

/** Each signed-in person's saved pages and takes live in their own cache. */
export function userCacheName(userId: string): string {
  return `${USER_CACHE_PREFIX}${userId}`;
}

export function isUserCache(name: string): boolean {
  return name.startsWith(USER_CACHE_PREFIX);
}

/**
 * May this answer be kept for offline use? Only complete (200), same-origin,
 * not-redirected answers whose server did not forbid storing them.
 */
export function mayKeep(response: { status: number; type: string; redirected: boolean; headers: { get(name: string): string | null } }): boolean {
  if (response.status !== 200 || response.redirected) return false;
  if (response.type !== "basic" && response.type !== "default") return false;
  const cacheControl = response.headers.get("cache-control") ?? "";
  return !/(^|[\s,])no-store($|[\s,;])/i.test(cacheControl);
}

const ID = "[A-Za-z0-9_-]+";
const SAVED_PAGE = new RegExp(`^/bands/${ID}/(setlists|songs)/${ID}$`);
const TAKE_FILE = new RegExp(`^/api/versions/${ID}/(stream|peaks|analysis)$`);

/** Pages that can be saved: a setlist's and a song's. */
export function isSaveablePage(pathname: string): boolean {
  return SAVED_PAGE.test(pathname);
}

/** A take's audio, peaks or analysis. */
export function isTakeFile(pathname: string): boolean {
  return TAKE_FILE.test(pathname);
}

export function isStaticAsset(pathname: string): boolean {
  return pathname.startsWith("/_next/static/");
}

export type SavedKind = "setlist" | "song";

/** A saved take: its files and the song it belongs to. */
export type SavedTake = { songId: string; versionId: string };

/** What /offline lists and what removing an item deletes. */
export type SavedItem = {
  kind: SavedKind;
  id: string;
  bandId: string;
  title: string;
  /** The page to open. */
  url: string;
  /** ISO time of the last save. */
  savedAt: string;
  /** Bytes of everything this item keeps (shared files counted in each item). */
  bytes: number;
  /** Every URL this item keeps in the person's cache. */
  urls: string[];
  takes: SavedTake[];
};

export function itemKey(kind: SavedKind, id: string): string {
  return `${ITEM_KEY_PREFIX}${kind}/${id}`;
}

export function songPageUrl(bandId: string, songId: string): string {
  return `/bands/${bandId}/songs/${songId}`;
}

export function setlistPageUrl(bandId: string, setlistId: string): string {
  return `/bands/${bandId}/setlists/${setlistId}`;
}

/** The files of a take that are kept: its streaming rendition, and its peaks and analysis when they are made (404 until then). */
export function takeUrls(versionId: string): { required: string[]; optional: string[] } {
  return { required: [`/api/versions/${versionId}/stream`], optional: [`/api/versions/${versionId}/peaks`, `/api/versions/${versionId}/analysis`] };
}

/**
 * Everything a saved setlist or song keeps: its own page, the page of each of
 * its songs, each song's chosen take, and the list of saved things (the
 * fallback when a page that was not saved is opened offline).
 */
export function urlsToSave(input: { pageUrl: string; bandId: string; takes: SavedTake[] }): { required: string[]; optional: string[] } {
  const required = new Set<string>([input.pageUrl, OFFLINE_PAGE]);
  const optional = new Set<string>();
  for (const take of input.takes) {
    required.add(songPageUrl(input.bandId, take.songId));
    const files = takeUrls(take.versionId);
    files.required.forEach((u) => required.add(u));
    files.optional.forEach((u) => optional.add(u));
  }
  return { required: [...required], optional: [...optional] };
}

/** URLs of the build's scripts and styles named in a page's HTML (its script tags and its flight data). */
export function staticAssetsIn(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\/_next\/static\/[A-Za-z0-9_\-./~%]+?\.(?:js|css|woff2?)/g)) found.add(match[0]);
  // The flight data names client chunks without the leading "/_next/".
  for (const match of html.matchAll(/["'](static\/(?:chunks|css|media)\/[A-Za-z0-9_\-./~%]+?\.(?:js|css|woff2?))/g)) found.add(`/_next/${match[1]}`);
  return [...found];
}

/**
 * The URLs removing `item` may delete: its own, less those another saved item still needs.
 */
export function urlsToRemove(item: SavedItem, others: SavedItem[]): string[] {
  const stillNeeded = new Set(others.flatMap((o) => o.urls));
  return item.urls.filter((u) => !stillNeeded.has(u));
}

/** A saved item is out of date when a song's chosen take is now another one. */
export function hasNewerTakes(saved: SavedTake[], current: SavedTake[]): boolean {
  const before = new Map(saved.map((t) => [t.songId, t.versionId]));
  return current.some((t) => before.get(t.songId) !== t.versionId);
}

/** Answers that mean the person may no longer see this (signed out, removed from the band, deleted). */
export function isGone(status: number): boolean {
  return status === 401 || status === 403 || status === 404 || status === 410;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}
