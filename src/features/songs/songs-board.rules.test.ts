import { describe, expect, it } from "vitest";
import { filterAndSortSongs, searchable } from "./songs-board.rules";

const day = (d: number) => new Date(Date.UTC(2030, 0, d));
const songs = [
  { title: "Midnight Ferry", status: "LEARNING" as const, latestVersionAt: day(3), createdAt: day(1) },
  { title: "Café Blues", status: "READY" as const, latestVersionAt: null, createdAt: day(5) },
  { title: "after hours", status: "IDEA" as const, latestVersionAt: day(2), createdAt: day(1) },
  { title: "Song 10", status: "RETIRED" as const, latestVersionAt: null, createdAt: day(1) },
  { title: "Song 9", status: "READY" as const, latestVersionAt: null, createdAt: day(1) },
];
const titles = (list: { title: string }[]) => list.map((s) => s.title);

describe("filterAndSortSongs", () => {
  it("sorts by latest take (or creation when none), newest first", () => {
    expect(titles(filterAndSortSongs(songs, { query: "", sort: "latest" }))).toEqual(["Café Blues", "Midnight Ferry", "after hours", "Song 9", "Song 10"]);
  });
  it("sorts by title, ignoring case, numbers in order", () => {
    expect(titles(filterAndSortSongs(songs, { query: "", sort: "title" }))).toEqual(["after hours", "Café Blues", "Midnight Ferry", "Song 9", "Song 10"]);
  });
  it("sorts by status: ready, learning, idea, retired", () => {
    expect(titles(filterAndSortSongs(songs, { query: "", sort: "status" }))).toEqual(["Café Blues", "Song 9", "Midnight Ferry", "after hours", "Song 10"]);
  });
  it("finds every word of the query, without case or accents", () => {
    expect(titles(filterAndSortSongs(songs, { query: "cafe", sort: "title" }))).toEqual(["Café Blues"]);
    expect(titles(filterAndSortSongs(songs, { query: "  SONG  1 ", sort: "title" }))).toEqual(["Song 10"]);
    expect(filterAndSortSongs(songs, { query: "zzz", sort: "title" })).toEqual([]);
  });
  it("leaves the input alone", () => {
    const copy = [...songs];
    filterAndSortSongs(songs, { query: "", sort: "title" });
    expect(songs).toEqual(copy);
  });
});

describe("searchable", () => {
  it("drops accents and case", () => {
    expect(searchable("ÉTÉ Ñandú")).toBe("ete nandu");
  });
});
