import { describe, expect, it } from "vitest";
import { cleanTitle, normaliseTitle, suggestSong } from "./suggest-song";

describe("cleanTitle", () => {
  it.each([
    ["Midnight Ferry.wav", "Midnight Ferry"],
    ["01 - Midnight Ferry.wav", "Midnight Ferry"],
    ["1. Midnight Ferry.mp3", "Midnight Ferry"],
    ["03) Midnight Ferry.flac", "Midnight Ferry"],
    ["07 Midnight Ferry.m4a", "Midnight Ferry"],
    ["A2 Midnight Ferry.wav", "Midnight Ferry"],
    ["midnight_ferry.wav", "Midnight Ferry"],
    ["midnight_ferry_take3.wav", "Midnight Ferry"],
    ["Midnight Ferry take 3.wav", "Midnight Ferry"],
    ["Midnight Ferry - Take 12.wav", "Midnight Ferry"],
    ["Midnight Ferry (2).wav", "Midnight Ferry"],
    ["Midnight Ferry [3].ogg", "Midnight Ferry"],
    ["Midnight Ferry v2.wav", "Midnight Ferry"],
    ["2026-12-01 Midnight Ferry.wav", "Midnight Ferry"],
    ["2026_12_01_Midnight_Ferry.wav", "Midnight Ferry"],
    ["Midnight Ferry 2026-12-01 14-32.wav", "Midnight Ferry"],
    ["Midnight Ferry 01.12.2026.wav", "Midnight Ferry"],
    ["20261201_143205 Midnight Ferry.wav", "Midnight Ferry"],
    ["261201_1432 Midnight Ferry.WAV", "Midnight Ferry"],
    ["02 - Midnight Ferry (take 3) 2026-12-01.wav", "Midnight Ferry"],
    ["Midnight Ferry final.mp3", "Midnight Ferry"],
    ["Blue Harbour - live.opus", "Blue Harbour - live"],
    ["Don't Stop.webm", "Don't Stop"],
    ["Café del Mar.wav", "Café del Mar"],
    ["99 Luftballons.mp3", "99 Luftballons"],
    ["R.E.M. cover.wav", "R.E.M. cover"],
  ])("%s -> %s", (file, title) => {
    expect(cleanTitle(file)).toBe(title);
  });

  it("leaves nothing when the name is only a date, a number or a take", () => {
    expect(cleanTitle("2026-12-01.wav")).toBe("");
    expect(cleanTitle("01.wav")).toBe("");
    expect(cleanTitle("take 3.wav")).toBe("");
    expect(cleanTitle("New Recording 3.m4a")).toBe("");
  });

  it("keeps the case of a name that has capitals", () => {
    expect(cleanTitle("dB Song.wav")).toBe("dB Song");
  });

  it("never returns more than a song title may hold", () => {
    expect(cleanTitle(`${"la ".repeat(100)}.wav`).length).toBeLessThanOrEqual(120);
  });
});

describe("normaliseTitle", () => {
  it("ignores case, accents, punctuation and ampersands", () => {
    expect(normaliseTitle("Café  Del-Mar!")).toBe("cafe del mar");
    expect(normaliseTitle("Rock & Roll")).toBe(normaliseTitle("rock and roll"));
    expect(normaliseTitle("Don’t Stop")).toBe("dont stop");
    expect(normaliseTitle("Mötley Crüe")).toBe("motley crue");
  });
});

const songs = [
  { id: "s1", title: "Midnight Ferry" },
  { id: "s2", title: "Café del Mar" },
  { id: "s3", title: "Blue Harbour" },
  { id: "s4", title: "Rock & Roll" },
];

describe("suggestSong", () => {
  it("matches an existing song whatever the case, accents or decoration of the file name", () => {
    expect(suggestSong("01 - midnight ferry (take 2).wav", songs)).toEqual({ kind: "existing", songId: "s1", title: "Midnight Ferry" });
    expect(suggestSong("CAFE_DEL_MAR_2026-12-01.mp3", songs)).toEqual({ kind: "existing", songId: "s2", title: "Café del Mar" });
    expect(suggestSong("rock and roll.wav", songs)).toMatchObject({ songId: "s4" });
    expect(suggestSong("motley_crue_jam.wav", [{ id: "m", title: "Mötley Crüe Jam" }])).toMatchObject({ kind: "existing", songId: "m" });
  });

  it("forgives a typo or two", () => {
    expect(suggestSong("Midnite Ferry.wav", songs)).toMatchObject({ kind: "existing", songId: "s1" });
    expect(suggestSong("Blue Harbor.wav", songs)).toMatchObject({ kind: "existing", songId: "s3" });
  });

  it("matches when the file name holds the whole title plus a remark", () => {
    expect(suggestSong("Blue Harbour slow version.wav", songs)).toMatchObject({ kind: "existing", songId: "s3" });
  });

  it("does not match a different song that merely shares a word", () => {
    expect(suggestSong("Blue Moon.wav", songs)).toEqual({ kind: "new", title: "Blue Moon" });
    expect(suggestSong("Ferry.wav", songs)).toEqual({ kind: "new", title: "Ferry" });
  });

  it("tells short titles one letter apart, and numbered parts, apart", () => {
    expect(suggestSong("Song B.wav", [{ id: "a", title: "Song A" }])).toEqual({ kind: "new", title: "Song B" });
    expect(suggestSong("Song A.wav", [{ id: "a", title: "Song A" }])).toMatchObject({ kind: "existing", songId: "a" });
    expect(suggestSong("Suite Part 3.wav", [{ id: "p2", title: "Suite Part 2" }])).toEqual({ kind: "new", title: "Suite Part 3" });
  });

  it("suggests a new song titled from the cleaned name when nothing matches", () => {
    expect(suggestSong("03_new_jam_take4.wav", songs)).toEqual({ kind: "new", title: "New Jam" });
    expect(suggestSong("03_new_jam_take4.wav", [])).toEqual({ kind: "new", title: "New Jam" });
  });

  it("prefers the closest of several candidates, then the earlier song", () => {
    const similar = [
      { id: "a", title: "Midnight Ferries" },
      { id: "b", title: "Midnight Ferry" },
      { id: "c", title: "Midnight Ferry" },
    ];
    expect(suggestSong("Midnight Ferry.wav", similar)).toMatchObject({ songId: "b" });
  });

  it("keeps the bare name as a new song when nothing of a title is left", () => {
    expect(suggestSong("2026-12-01.wav", songs)).toEqual({ kind: "new", title: "2026-12-01" });
    expect(suggestSong("New Recording 3.m4a", songs)).toEqual({ kind: "new", title: "New Recording 3" });
    expect(suggestSong(".wav", songs)).toEqual({ kind: "new", title: "Untitled" });
  });

  it("skips songs whose title normalises to nothing", () => {
    expect(suggestSong("Midnight Ferry.wav", [{ id: "x", title: "!!!" }])).toEqual({ kind: "new", title: "Midnight Ferry" });
  });
});
