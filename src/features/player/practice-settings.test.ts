import { describe, expect, it } from "vitest";
import { DEFAULT_PRACTICE, parsePractice, PRACTICE_KEY, writePractice } from "./practice-settings";

describe("practice settings", () => {
  it("round-trip through storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    writePractice(storage, { snap: "beat", clickVolume: 0.35, countIn: true });
    expect(parsePractice(storage.getItem(PRACTICE_KEY))).toEqual({ snap: "beat", clickVolume: 0.35, countIn: true });
  });

  it("keep the click's volume within 0..1 and fall back field by field on anything unreadable", () => {
    expect(parsePractice(JSON.stringify({ snap: "quaver", clickVolume: 7, countIn: "yes" }))).toEqual({ ...DEFAULT_PRACTICE, clickVolume: 1 });
    expect(parsePractice(JSON.stringify({ snap: "off" }))).toEqual({ ...DEFAULT_PRACTICE, snap: "off" });
    expect(parsePractice("{not json")).toEqual(DEFAULT_PRACTICE);
    expect(parsePractice(null)).toEqual(DEFAULT_PRACTICE);
  });

  it("survive a storage that refuses writes", () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error("quota"); } };
    expect(() => writePractice(storage, DEFAULT_PRACTICE)).not.toThrow();
  });
});
