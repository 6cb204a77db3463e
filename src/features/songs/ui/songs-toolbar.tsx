"use client";

import { songSortLabel, songSorts, type SongSort } from "@/features/songs/songs-board.rules";

/** Search by title and pick the order of the songs board. */
export function SongsToolbar({ query, sort, onQuery, onSort }: { query: string; sort: SongSort; onQuery: (q: string) => void; onSort: (s: SongSort) => void }) {
  return (
    <div className="songs-toolbar" role="search">
      <div className="field grow">
        <label htmlFor="song-search" className="visually-hidden">
          Search songs
        </label>
        <input id="song-search" className="input" type="search" placeholder="Search songs" value={query} onChange={(e) => onQuery(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="song-sort" className="visually-hidden">
          Sort songs by
        </label>
        <select id="song-sort" className="select" value={sort} onChange={(e) => onSort(e.target.value as SongSort)}>
          {songSorts.map((s) => (
            <option key={s} value={s}>
              Sort: {songSortLabel[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
