import { describe, expect, it } from "vitest";
import { duplicatesOf, type HashedCandidate } from "./duplicate-takes.rules";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 12, minute));
const take = (id: string, sha256: string | null, minute: number, number = 1, songId = "s1", songTitle = "Song X"): HashedCandidate => ({ id, sha256, createdAt: at(minute), number, songId, songTitle });

describe("duplicatesOf", () => {
  it("a later take with the same bytes points at the earliest one; the first carries nothing", () => {
    const first = take("a", "h1", 1, 2, "s1", "Song X");
    const second = take("b", "h1", 2, 1, "s2", "Song Y");
    const third = take("c", "h1", 3, 3, "s1", "Song X");
    const found = duplicatesOf([first, second, third], [third, second, first]);
    expect(found.get("a")).toBeUndefined();
    expect(found.get("b")).toEqual({ versionId: "a", number: 2, songId: "s1", songTitle: "Song X" });
    expect(found.get("c")).toEqual({ versionId: "a", number: 2, songId: "s1", songTitle: "Song X" });
  });

  it("different bytes, or no hash (takes stored before hashes were kept), are no duplicates", () => {
    const takes = [take("a", "h1", 1), take("b", "h2", 2), take("c", null, 3), take("d", null, 4)];
    expect(duplicatesOf(takes, takes).size).toBe(0);
  });

  it("takes of the same instant are ordered by id, so exactly one of them is the original", () => {
    const x = take("x", "h1", 5);
    const y = take("y", "h1", 5);
    const found = duplicatesOf([x, y], [y, x]);
    expect(found.get("x")).toBeUndefined();
    expect(found.get("y")?.versionId).toBe("x");
  });

  it("once the earliest is deleted (not among the candidates), the next earliest is the original", () => {
    const second = take("b", "h1", 2);
    const third = take("c", "h1", 3);
    const found = duplicatesOf([second, third], [second, third]);
    expect(found.get("b")).toBeUndefined();
    expect(found.get("c")?.versionId).toBe("b");
  });
});
