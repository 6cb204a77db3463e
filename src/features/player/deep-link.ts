// Plain code, not a zod schema: the song page's player imports this module before it hydrates.
/** A link's number of seconds as `Number()` reads it, kept when finite and within 0 to 24 h. */
function seconds(value: string | null | undefined): number | null {
  if (value == null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 24 * 3600 ? n : null;
}

/** `?t=&end=` of a song link: where to start and, when given, the passage to loop. Bad values are dropped, never an error. */
export function parseMoment(params: { t?: string | null; end?: string | null }): { start: number | null; end: number | null } {
  const startValue = seconds(params.t);
  const end = seconds(params.end);
  const endValue = end != null && startValue != null && end > startValue ? end : null;
  return { start: startValue, end: endValue };
}

/** A link to this moment (and passage) of this take. */
export function momentLink(origin: string, path: string, take: string, start: number, end?: number | null): string {
  return songLink(origin, { path, versionId: take, atSeconds: start, endSeconds: end });
}

/** The id a comment's element carries on the song page, and the `#` of a link to it. */
export const commentAnchor = (commentId: string) => `comment-${commentId}`;

/** The comment a song link's `#comment-<id>` points at, or null. */
export function commentFromHash(hash: string): string | null {
  const match = /^#?comment-([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return match ? match[1]! : null;
}

/** What a link into a song opens: a take, where in it, and the comment to show. */
export type SongLinkTarget = {
  /** The song page's path, `/bands/<bandId>/songs/<songId>`. */
  path: string;
  versionId?: string | null;
  atSeconds?: number | null;
  endSeconds?: number | null;
  commentId?: string | null;
};

/**
 * The one builder of song-page links (mail, the activity feed, "copy link at
 * this moment"): `?take=<versionId>&t=<seconds>[&end=<seconds>]#comment-<id>`,
 * each part only when known; a time needs its take.
 */
export function songLink(origin: string, target: SongLinkTarget): string {
  const url = new URL(target.path, origin);
  if (target.versionId) {
    url.searchParams.set("take", target.versionId);
    const start = target.atSeconds;
    if (start != null && Number.isFinite(start)) {
      url.searchParams.set("t", round(start));
      const end = target.endSeconds;
      if (end != null && Number.isFinite(end) && end > start) url.searchParams.set("end", round(end));
    }
  }
  if (target.commentId) url.hash = commentAnchor(target.commentId);
  return url.toString();
}

/** The path of a song link without the origin (for in-app links). */
export function songHref(target: SongLinkTarget): string {
  const url = new URL(songLink("http://x.invalid", target));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A comment's place in its take: a reply sits at its parent's moment (replies carry no time of their own). */
export function commentMoment(c: { atSeconds: number | null; endSeconds: number | null; parent?: { atSeconds: number | null; endSeconds: number | null } | null }): {
  atSeconds: number | null;
  endSeconds: number | null;
} {
  const own = c.parent ?? c;
  return { atSeconds: own.atSeconds, endSeconds: own.endSeconds };
}

function round(n: number): string {
  return String(Math.round(Math.max(0, n) * 10) / 10);
}
