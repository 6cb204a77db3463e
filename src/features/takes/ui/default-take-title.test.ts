import { describe, expect, it } from "vitest";
import { defaultTakeTitle } from "./default-take-title";

describe("defaultTakeTitle", () => {
  it("names a take by number, upload day and file name", () => {
    expect(defaultTakeTitle({ number: 4, createdAt: new Date("2026-12-01T21:30:00Z"), originalName: "bridge-idea.m4a" })).toBe("Take 4 · 1 Dec · bridge-idea.m4a");
  });
  it("uses the given time zone for the day, and leaves out a missing file name", () => {
    expect(defaultTakeTitle({ number: 2, createdAt: new Date("2026-12-01T23:30:00Z"), originalName: " " }, "Europe/Berlin")).toBe("Take 2 · 2 Dec");
  });
});
