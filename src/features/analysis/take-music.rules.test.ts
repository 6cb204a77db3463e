import { describe, expect, it } from "vitest";
import { takeMusicLine } from "./take-music.rules";

describe("a take's music in its row", () => {
  const summary = { bpm: 127.6, key: "F#m", keyConfidence: 0.7 };

  it("gives the tempo and key once analysed", () => {
    expect(takeMusicLine("READY", summary)).toBe("128 BPM · F#m");
  });

  it("says it is analysing while it is, and nothing otherwise", () => {
    expect(takeMusicLine("PENDING", null)).toBe("Analysing…");
    expect(takeMusicLine("RUNNING", null)).toBe("Analysing…");
    expect(takeMusicLine("NONE", null)).toBeNull();
    expect(takeMusicLine("ABSENT", null)).toBeNull();
    expect(takeMusicLine("READY", null)).toBeNull();
  });
});
