/** What ordering needs of a top-level comment. */
export type Orderable = { atSeconds: number | null; endSeconds?: number | null; createdAt: Date; id: string };

/**
 * Top-level comments in time order: timed comments by their moment (a
 * passage by its start; at the same start, the shorter passage first), then
 * general comments (no time) after every timed one, oldest first. General
 * comments come last because the list follows the take from start to end;
 * they are about the whole take, not its first second.
 */
export function compareCommentsInTime(a: Orderable, b: Orderable): number {
  if (a.atSeconds == null || b.atSeconds == null) {
    if (a.atSeconds != null) return -1;
    if (b.atSeconds != null) return 1;
  } else if (a.atSeconds !== b.atSeconds) {
    return a.atSeconds - b.atSeconds;
  } else {
    const ea = a.endSeconds ?? a.atSeconds;
    const eb = b.endSeconds ?? b.atSeconds;
    if (ea !== eb) return ea - eb;
  }
  const t = a.createdAt.getTime() - b.createdAt.getTime();
  return t !== 0 ? t : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortCommentsInTime<T extends Orderable>(comments: readonly T[]): T[] {
  return [...comments].sort(compareCommentsInTime);
}

/** How a comment's place in the take reads: "General", "1:05", or "1:05–1:20". */
export function commentTimeLabel(c: { atSeconds: number | null; endSeconds?: number | null }, clock: (s: number) => string): string {
  if (c.atSeconds == null) return "General";
  return c.endSeconds != null ? `${clock(c.atSeconds)}–${clock(c.endSeconds)}` : clock(c.atSeconds);
}

/**
 * The comment under the playhead: the passage containing it (the latest to
 * start), else the last moment within `windowSeconds` before it. Null when none.
 */
export function commentAtTime<T extends { id: string; atSeconds: number | null; endSeconds?: number | null }>(
  comments: readonly T[],
  time: number,
  windowSeconds = 3,
): string | null {
  let best: T | null = null;
  for (const c of comments) {
    if (c.atSeconds == null || c.atSeconds > time) continue;
    const end = c.endSeconds ?? c.atSeconds + windowSeconds;
    if (time <= end && (!best || c.atSeconds >= best.atSeconds!)) best = c;
  }
  return best?.id ?? null;
}
