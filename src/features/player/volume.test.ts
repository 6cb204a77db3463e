import { describe, expect, it } from "vitest";
import { DEFAULT_VOLUME, outputVolume, readVolume, volumeIsSettable, writeVolume } from "./volume";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("the listener's volume", () => {
  it("is kept and read back", () => {
    const storage = memoryStorage();
    writeVolume(storage, { volume: 0.35, muted: true });
    expect(readVolume(storage)).toEqual({ volume: 0.35, muted: true });
  });

  it("falls back to full and unmuted on nothing, nonsense or a blocked storage", () => {
    expect(readVolume(memoryStorage())).toEqual(DEFAULT_VOLUME);
    expect(readVolume(memoryStorage({ "rh:volume": "{oops" }))).toEqual(DEFAULT_VOLUME);
    expect(readVolume(memoryStorage({ "rh:volume": JSON.stringify({ volume: 7, muted: "yes" }) }))).toEqual({ volume: 1, muted: false });
    const blocked = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
    expect(readVolume(blocked)).toEqual(DEFAULT_VOLUME);
    expect(() => writeVolume(blocked, { volume: 0.5, muted: false })).not.toThrow();
  });

  it("plays at the listener's volume times the loudness match", () => {
    expect(outputVolume(0.5, 0.5)).toBe(0.25);
    expect(outputVolume(1)).toBe(1);
    expect(outputVolume(-1, 0.5)).toBe(0);
  });

  it("knows a browser that ignores volume changes (iOS) from one that takes them", () => {
    const ios = { get volume() { return 1; }, set volume(_v: number) { /* read-only in effect */ } };
    expect(volumeIsSettable(ios)).toBe(false);
    expect(volumeIsSettable({ volume: 1 })).toBe(true);
  });
});
