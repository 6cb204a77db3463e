import { describe, expect, it } from "vitest";
import { readPlace, writePlace } from "./resume-position";

function memory() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe("remembered place", () => {
  it("is kept per member and take", () => {
    const s = memory();
    writePlace(s, "u1", "v1", 42.37);
    expect(readPlace(s, "u1", "v1")).toBe(42.4);
    expect(readPlace(s, "u2", "v1")).toBeNull();
    expect(readPlace(s, "u1", "v2")).toBeNull();
  });
  it("forgets a take heard to its end and the very start", () => {
    const s = memory();
    writePlace(s, "u1", "v1", 119);
    expect(readPlace(s, "u1", "v1", 120)).toBeNull();
    writePlace(s, "u1", "v1", 0.2);
    expect(s.map.size).toBe(0);
  });
  it("ignores garbage and a storage that throws", () => {
    const s = memory();
    s.map.set("rh:place:u1:v1", "nope");
    expect(readPlace(s, "u1", "v1")).toBeNull();
    const broken = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("full"); }, removeItem: () => undefined };
    expect(readPlace(broken, "u1", "v1")).toBeNull();
    expect(() => writePlace(broken, "u1", "v1", 10)).not.toThrow();
  });
});
