import { describe, expect, it } from "vitest";
import { pageCacheControl } from "@/server/http/security-headers";
import { hasNewerTakes, isGone, isSaveablePage, isTakeFile, mayKeep, staticAssetsIn, urlsToRemove, urlsToSave, userCacheName, isUserCache, type SavedItem } from "./offline-rules";

const answer = (status: number, cacheControl: string | null, { type = "basic", redirected = false } = {}) => ({
  status,
  type,
  redirected,
  headers: new Headers(cacheControl ? { "Cache-Control": cacheControl } : {}),
});

describe("mayKeep", () => {
  it("keeps complete same-origin answers the server lets be stored", () => {
    expect(mayKeep(answer(200, "private, no-cache"))).toBe(true);
    expect(mayKeep(answer(200, "public, max-age=31536000, immutable"))).toBe(true);
    expect(mayKeep(answer(200, null))).toBe(true);
  });
  it("never keeps no-store, partial, failed, redirected or other-origin answers", () => {
    expect(mayKeep(answer(200, "private, no-store"))).toBe(false);
    expect(mayKeep(answer(200, "no-store"))).toBe(false);
    expect(mayKeep(answer(200, "private, no-cache, no-store, max-age=0, must-revalidate"))).toBe(false);
    expect(mayKeep(answer(206, "private, no-cache"))).toBe(false);
    expect(mayKeep(answer(404, "private, no-cache"))).toBe(false);
    expect(mayKeep(answer(200, "private, no-cache", { redirected: true }))).toBe(false);
    expect(mayKeep(answer(200, null, { type: "opaque" }))).toBe(false);
    expect(mayKeep(answer(200, null, { type: "cors" }))).toBe(false);
  });
});

describe("what a save keeps", () => {
  it("the page, each song's page and take (peaks and analysis when made), and the saved list", () => {
    const saved = urlsToSave({ pageUrl: "/bands/b1/setlists/s1", bandId: "b1", takes: [{ songId: "g1", versionId: "v1" }, { songId: "g2", versionId: "v2" }] });
    expect(saved.required).toEqual(["/bands/b1/setlists/s1", "/offline", "/bands/b1/songs/g1", "/api/versions/v1/stream", "/bands/b1/songs/g2", "/api/versions/v2/stream"]);
    expect(saved.optional).toEqual(["/api/versions/v1/peaks", "/api/versions/v1/analysis", "/api/versions/v2/peaks", "/api/versions/v2/analysis"]);
  });
  it("a song's own page is listed once", () => {
    const saved = urlsToSave({ pageUrl: "/bands/b1/songs/g1", bandId: "b1", takes: [{ songId: "g1", versionId: "v1" }] });
    expect(saved.required.filter((u) => u === "/bands/b1/songs/g1")).toHaveLength(1);
  });
  it("finds the build's files a page loads, in script tags and in its flight data", () => {
    const html = `<script src="/_next/static/chunks/0a1b.js" async></script><link rel="stylesheet" href="/_next/static/chunks/app.css"/><script>self.__next_f.push([1,"2:I[1,[\\"static/chunks/9f8e.js\\"],\\"Player\\"]"])</script><img src="/icon.svg">`;
    expect(staticAssetsIn(html).sort()).toEqual(["/_next/static/chunks/0a1b.js", "/_next/static/chunks/9f8e.js", "/_next/static/chunks/app.css"]);
  });
});

describe("removing a saved item", () => {
  const item = (id: string, urls: string[]): SavedItem => ({ kind: "setlist", id, bandId: "b1", title: id, url: urls[0]!, savedAt: "2026-12-01T00:00:00Z", bytes: 1, urls, takes: [] });
  it("deletes only the files no other saved item needs", () => {
    const gig = item("gig", ["/bands/b1/setlists/gig", "/offline", "/api/versions/v1/stream", "/api/versions/v2/stream"]);
    const song = item("song", ["/bands/b1/songs/g2", "/offline", "/api/versions/v2/stream"]);
    expect(urlsToRemove(gig, [song])).toEqual(["/bands/b1/setlists/gig", "/api/versions/v1/stream"]);
    expect(urlsToRemove(gig, [])).toEqual(gig.urls);
  });
});

describe("freshness and access", () => {
  it("a saved item is out of date when a song's chosen take changed or a song was added", () => {
    const saved = [{ songId: "g1", versionId: "v1" }];
    expect(hasNewerTakes(saved, [{ songId: "g1", versionId: "v1" }])).toBe(false);
    expect(hasNewerTakes(saved, [{ songId: "g1", versionId: "v9" }])).toBe(true);
    expect(hasNewerTakes(saved, [{ songId: "g1", versionId: "v1" }, { songId: "g2", versionId: "v2" }])).toBe(true);
  });
  it("401, 403, 404 and 410 mean the person may no longer see it; an outage does not", () => {
    expect([401, 403, 404, 410].every(isGone)).toBe(true);
    expect([200, 500, 503].some(isGone)).toBe(false);
  });
});

describe("names and paths", () => {
  it("each person has their own cache", () => {
    expect(userCacheName("u1")).not.toBe(userCacheName("u2"));
    expect(isUserCache(userCacheName("u1"))).toBe(true);
    expect(isUserCache("rehearsalhub-static")).toBe(false);
  });
  it("only setlist and song pages and a take's files are answered from the saved cache", () => {
    expect(isSaveablePage("/bands/b1/setlists/s1")).toBe(true);
    expect(isSaveablePage("/bands/b1/songs/g1")).toBe(true);
    expect(isSaveablePage("/bands/b1/members")).toBe(false);
    expect(isSaveablePage("/invite/token")).toBe(false);
    expect(isTakeFile("/api/versions/v1/stream")).toBe(true);
    expect(isTakeFile("/api/versions/v1/download")).toBe(false);
  });
  it("saveable pages may be kept but are revalidated; sign-in and invite pages keep Next's no-store", () => {
    expect(pageCacheControl("/bands/b1/setlists/s1")).toBe("private, no-cache");
    expect(pageCacheControl("/bands/b1/songs/g1")).toBe("private, no-cache");
    expect(pageCacheControl("/offline")).toBe("private, no-cache");
    expect(pageCacheControl("/signin")).toBeNull();
    expect(pageCacheControl("/invite/abc")).toBeNull();
    expect(pageCacheControl("/bands/b1/members")).toBeNull();
  });
});
