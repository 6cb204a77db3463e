import type { SongStatus } from "./song.schema";

export const songSorts = ["latest", "title", "status"] as const;
export type SongSort = (typeof songSorts)[number];
export const songSortLabel: Record<SongSort, string> = { latest: "Latest take", title: "Title", status: "Status" };

/** Status order on the board: what the band plays now first. */
const statusOrder: Record<SongStatus, number> = { READY: 0, LEARNING: 1, IDEA: 2, RETIRED: 3 };

type BoardSong = { title: string; status: SongStatus; latestVersionAt: Date | null; createdAt: Date };

/** Lower-case, accents off: "Café" is found by "cafe". */
export function searchable(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

const byTitle = (a: BoardSong, b: BoardSong) => a.title.localeCompare(b.title, undefined, { sensitivity: "base", numeric: true });
const activity = (s: BoardSong) => (s.latestVersionAt ?? s.createdAt).getTime();

/** The songs whose title holds every word of the query, in the chosen order (ties by title). */
export function filterAndSortSongs<T extends BoardSong>(songs: readonly T[], { query, sort }: { query: string; sort: SongSort }): T[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  const found = songs.filter((s) => {
    const title = searchable(s.title);
    return words.every((w) => title.includes(w));
  });
  const compare: Record<SongSort, (a: T, b: T) => number> = {
    latest: (a, b) => activity(b) - activity(a) || byTitle(a, b),
    title: byTitle,
    status: (a, b) => statusOrder[a.status] - statusOrder[b.status] || byTitle(a, b),
  };
  return [...found].sort(compare[sort]);
}
