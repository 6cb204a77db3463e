import { describe, expect, it } from "vitest";
import { ifRangeAllows, isNotModified, validatorsFor } from "./validators";

const modifiedAt = new Date("2026-03-01T10:20:30.456Z");
const v = validatorsFor({ key: "bands/b/x.wav", size: 1234, modifiedAt });
const h = (init: Record<string, string>) => new Headers(init);

describe("validatorsFor", () => {
  it("gives a strong quoted ETag and an HTTP date to the second", () => {
    expect(v.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(v.lastModified).toBe("Sun, 01 Mar 2026 10:20:30 GMT");
  });
  it("changes when the key, size or mtime changes", () => {
    expect(validatorsFor({ key: "bands/b/y.wav", size: 1234, modifiedAt }).etag).not.toBe(v.etag);
    expect(validatorsFor({ key: "bands/b/x.wav", size: 1235, modifiedAt }).etag).not.toBe(v.etag);
    expect(validatorsFor({ key: "bands/b/x.wav", size: 1234, modifiedAt: new Date(modifiedAt.getTime() + 1) }).etag).not.toBe(v.etag);
  });
});

describe("isNotModified", () => {
  it.each([
    [{}, false],
    [{ "if-none-match": v.etag }, true],
    [{ "if-none-match": `W/${v.etag}` }, true], // weak comparison
    [{ "if-none-match": `"other", ${v.etag}` }, true],
    [{ "if-none-match": "*" }, true],
    [{ "if-none-match": '"other"' }, false],
    [{ "if-none-match": "garbage" }, false],
    [{ "if-modified-since": v.lastModified }, true],
    [{ "if-modified-since": "Sun, 01 Mar 2026 10:20:29 GMT" }, false],
    [{ "if-modified-since": "not a date" }, false],
    // If-None-Match wins over If-Modified-Since.
    [{ "if-none-match": '"other"', "if-modified-since": v.lastModified }, false],
  ])("%j -> %s", (headers, expected) => {
    expect(isNotModified(h(headers), v)).toBe(expected);
  });
});

describe("ifRangeAllows", () => {
  it.each([
    [{}, true],
    [{ "if-range": v.etag }, true],
    [{ "if-range": `W/${v.etag}` }, false], // weak tags never match for If-Range
    [{ "if-range": '"stale"' }, false],
    [{ "if-range": v.lastModified }, true],
    [{ "if-range": "Sun, 01 Mar 2026 10:20:31 GMT" }, false],
    [{ "if-range": "nonsense" }, false],
  ])("%j -> %s", (headers, expected) => {
    expect(ifRangeAllows(h(headers), v)).toBe(expected);
  });
});
