import { describe, expect, it } from "vitest";
import { commentFromHash, commentMoment, momentLink, parseMoment, songHref, songLink } from "./deep-link";

describe("parseMoment", () => {
  it("reads a start and a passage end", () => {
    expect(parseMoment({ t: "65.5", end: "80" })).toEqual({ start: 65.5, end: 80 });
    expect(parseMoment({ t: "12" })).toEqual({ start: 12, end: null });
  });
  it("drops what makes no sense", () => {
    expect(parseMoment({ t: "abc", end: "10" })).toEqual({ start: null, end: null });
    expect(parseMoment({ t: "-4" })).toEqual({ start: null, end: null });
    expect(parseMoment({ t: "30", end: "20" })).toEqual({ start: 30, end: null });
    expect(parseMoment({ t: "Infinity" })).toEqual({ start: null, end: null });
    expect(parseMoment({})).toEqual({ start: null, end: null });
    expect(parseMoment({ t: "90000" })).toEqual({ start: null, end: null });
    expect(parseMoment({ t: "10", end: "" })).toEqual({ start: 10, end: null });
  });
});

describe("momentLink", () => {
  it("builds the song link with take, start and end", () => {
    expect(momentLink("https://band.example", "/bands/b1/songs/s1", "v1", 65.04, 80)).toBe("https://band.example/bands/b1/songs/s1?take=v1&t=65&end=80");
    expect(momentLink("https://band.example", "/bands/b1/songs/s1", "v1", 3.26)).toBe("https://band.example/bands/b1/songs/s1?take=v1&t=3.3");
  });
});

describe("songLink", () => {
  const path = "/bands/b1/songs/s1";
  it("opens a comment's take at its moment, with the comment's anchor", () => {
    expect(songLink("https://band.example", { path, versionId: "v2", atSeconds: 130.04, commentId: "c9" })).toBe(
      "https://band.example/bands/b1/songs/s1?take=v2&t=130#comment-c9",
    );
  });
  it("carries a passage's end, and only a take for a general comment", () => {
    expect(songLink("https://band.example", { path, versionId: "v2", atSeconds: 10, endSeconds: 20, commentId: "c1" })).toBe(
      "https://band.example/bands/b1/songs/s1?take=v2&t=10&end=20#comment-c1",
    );
    expect(songLink("https://band.example", { path, versionId: "v2", atSeconds: null, commentId: "c1" })).toBe("https://band.example/bands/b1/songs/s1?take=v2#comment-c1");
  });
  it("opens a new take at its start, and the song alone when no take is known", () => {
    expect(songLink("https://band.example", { path, versionId: "v3" })).toBe("https://band.example/bands/b1/songs/s1?take=v3");
    expect(songLink("https://band.example", { path, atSeconds: 12 })).toBe("https://band.example/bands/b1/songs/s1");
  });
  it("gives the same link without the origin for in-app use", () => {
    expect(songHref({ path, versionId: "v2", atSeconds: 0, commentId: "c1" })).toBe("/bands/b1/songs/s1?take=v2&t=0#comment-c1");
  });
});

describe("commentMoment", () => {
  it("is the comment's own time, or its parent's for a reply", () => {
    expect(commentMoment({ atSeconds: 5, endSeconds: 9, parent: null })).toEqual({ atSeconds: 5, endSeconds: 9 });
    expect(commentMoment({ atSeconds: null, endSeconds: null, parent: { atSeconds: 130, endSeconds: null } })).toEqual({ atSeconds: 130, endSeconds: null });
    expect(commentMoment({ atSeconds: null, endSeconds: null })).toEqual({ atSeconds: null, endSeconds: null });
  });
});

describe("commentFromHash", () => {
  it("reads the comment id of a link's anchor, and nothing else", () => {
    expect(commentFromHash("#comment-c9")).toBe("c9");
    expect(commentFromHash("#comment-")).toBeNull();
    expect(commentFromHash("#top")).toBeNull();
    expect(commentFromHash("#comment-a\"b")).toBeNull();
    expect(commentFromHash("")).toBeNull();
  });
});
