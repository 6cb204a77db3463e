/**
 * Practice markers live in song time so they land on the same music in every
 * take. A take's offsetSeconds says where its music starts relative to the
 * song's other takes: the song's moment s is at s + offsetSeconds in that take.
 */
export function toSongSeconds(takeSeconds: number, takeOffsetSeconds: number): number {
  return roundHundredths(takeSeconds - takeOffsetSeconds);
}

export function toTakeSeconds(songSeconds: number, takeOffsetSeconds: number): number {
  return roundHundredths(songSeconds + takeOffsetSeconds);
}

export type StoredMarker = { id: string; songSeconds: number; endSongSeconds: number | null; label: string };
export type TakeMarker = { id: string; atSeconds: number; endSeconds: number | null; label: string };

/**
 * A song's markers as they fall on one take: shifted by its offset, and
 * dropped when they land wholly outside it (before 0, or past its duration
 * when known); a span cut to the take's bounds.
 */
export function markersForTake(markers: readonly StoredMarker[], take: { offsetSeconds: number; durationSeconds: number | null }): TakeMarker[] {
  const out: TakeMarker[] = [];
  const max = take.durationSeconds ?? Number.POSITIVE_INFINITY;
  for (const m of markers) {
    const at = toTakeSeconds(m.songSeconds, take.offsetSeconds);
    const end = m.endSongSeconds != null ? toTakeSeconds(m.endSongSeconds, take.offsetSeconds) : null;
    if (end == null) {
      if (at < 0 || at > max) continue;
      out.push({ id: m.id, atSeconds: at, endSeconds: null, label: m.label });
    } else {
      if (end < 0 || at > max) continue;
      out.push({ id: m.id, atSeconds: Math.max(0, at), endSeconds: Math.min(end, max), label: m.label });
    }
  }
  return out.sort((a, b) => a.atSeconds - b.atSeconds);
}

function roundHundredths(n: number): number {
  return Math.round(n * 100) / 100;
}
