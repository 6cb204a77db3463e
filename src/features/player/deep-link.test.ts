import { describe, expect, it } from "vitest";
import { momentLink, parseMoment } from "./deep-link";

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
