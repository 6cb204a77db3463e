/** Pure rules of setlists: which take stands for a song, the set's length, the countdown, reordering, readiness. */

export type TakeFacts = { id: string; durationSeconds: number | null; createdAt: Date };

/** The take a set plays for a song: its best take, else its latest one; null when it has none. */
export function takeForSet(best: TakeFacts | null, takes: readonly TakeFacts[]): (TakeFacts & { isBest: boolean }) | null {
  if (best) return { ...best, isBest: true };
  const latest = [...takes].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return latest ? { ...latest, isBest: false } : null;
}

/** The set's length from its songs' takes; songs with no known length are counted, not guessed. */
export function totalDuration(durations: readonly (number | null | undefined)[]): { seconds: number; unknown: number } {
  let seconds = 0;
  let unknown = 0;
  for (const d of durations) {
    if (typeof d === "number" && Number.isFinite(d) && d > 0) seconds += d;
    else unknown += 1;
  }
  return { seconds: Math.round(seconds), unknown };
}

/** "45 min", "1 h 05 min", "under a minute"; 0 is "no length yet". */
export function formatSetLength(seconds: number): string {
  if (seconds <= 0) return "no length yet";
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole calendar days from `now` to `date` in the viewer's time zone (negative when past). */
export function calendarDaysBetween(now: Date, date: Date): number {
  const start = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const end = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.round((end - start) / DAY);
}

/** The countdown beside a gig's date: "today", "tomorrow", "in 5 days", "in 3 weeks", "yesterday", "12 days ago". */
export function countdownWording(performAt: Date, now: Date): string {
  const days = calendarDaysBetween(now, performAt);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  if (days < 0) return `${-days} days ago`;
  if (days < 14) return `in ${days} days`;
  return `in ${Math.round(days / 7)} weeks`;
}

/** The list with the item at `from` moved to `to` (both clamped); the original is left alone. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Songs of the set that some current member has not marked ready. */
export function songsNotReady(songIds: readonly string[], memberIds: readonly string[], ready: ReadonlySet<string>): string[] {
  return songIds.filter((songId) => memberIds.some((userId) => !ready.has(readinessKey(songId, userId))));
}

export const readinessKey = (songId: string, userId: string) => `${songId}:${userId}`;

/** The next set to play: the soonest dated from today on (in the viewer's day); null when none is dated ahead. */
export function nextSetlist<T extends { performAt: Date | null }>(setlists: readonly T[], now: Date): T | null {
  const ahead = setlists.filter((s): s is T & { performAt: Date } => s.performAt !== null && calendarDaysBetween(now, s.performAt) >= 0);
  return ahead.sort((a, b) => a.performAt.getTime() - b.performAt.getTime())[0] ?? null;
}

/** The gig's day as people say it: "today", "tomorrow", a weekday within the week, else the date ("25 Jan"). */
export function gigDay(performAt: Date, now: Date): string {
  const days = calendarDaysBetween(now, performAt);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days > 1 && days < 7) return performAt.toLocaleDateString("en-GB", { weekday: "long" });
  return performAt.toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

/** A date as a `datetime-local` field's value ("2031-05-02T20:00"), in the viewer's time zone. */
export function toDateTimeLocal(date: Date | null): string {
  if (!date) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` field's value as a date (local time); empty is no date, nonsense is undefined. */
export function fromDateTimeLocal(value: string): Date | null | undefined {
  if (!value.trim()) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : undefined;
}

/**
 * The print view's type size (rem) for a set of `count` songs: as big as fits
 * one A4/Letter page with the header, down to a floor that stays readable from
 * a monitor wedge on the floor.
 */
export function printTypeSize(count: number): number {
  const lines = Math.max(count, 1);
  // About 36 rem of usable page height; each song line takes ~1.5 of its own size.
  const fit = 36 / (lines * 1.5);
  return Math.round(Math.min(2.4, Math.max(1.1, fit)) * 100) / 100;
}

/** The set's length in a line: "Total 42 min", "Total 42 min, plus 1 song without a take", "No takes yet, so no total time". */
export function setLengthSummary(total: { seconds: number; unknown: number }): string {
  if (total.seconds <= 0) return total.unknown > 0 ? "No takes yet, so no total time" : "No songs yet";
  const rest = total.unknown > 0 ? `, plus ${total.unknown} ${total.unknown === 1 ? "song" : "songs"} without a take` : "";
  return `Total ${formatSetLength(total.seconds)}${rest}`;
}

/** "Play the set": the takes in set order, skipping songs that have none. */
export function playQueue<T extends { songId: string; title: string; take: { versionId: string } | null }>(songs: readonly T[]): { songId: string; title: string; versionId: string; position: number }[] {
  return songs.flatMap((s, i) => (s.take ? [{ songId: s.songId, title: s.title, versionId: s.take.versionId, position: i + 1 }] : []));
}
