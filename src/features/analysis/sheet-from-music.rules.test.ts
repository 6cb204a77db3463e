import { describe, expect, it } from "vitest";
import { detectedLine, sameKey, sheetFromMusic, takeForSheet, tempoDiffers, type AnalysedTake } from "./sheet-from-music.rules";

function take(number: number, analysis: { bpm: number; key: string } | null, isBest = false): AnalysedTake {
  return { id: `t${number}`, number, isBest, createdAt: new Date(2026, 0, number), analysis: analysis && { ...analysis, keyConfidence: 0.8 } };
}

describe("the take that speaks for the song", () => {
  it("is the best take when it has an analysis", () => {
    expect(takeForSheet([take(3, { bpm: 120, key: "A" }), take(2, { bpm: 118, key: "G" }, true)])?.id).toBe("t2");
  });

  it("is otherwise the latest take with an analysis", () => {
    expect(takeForSheet([take(3, null, true), take(4, null), take(2, { bpm: 118, key: "G" }), take(1, { bpm: 110, key: "E" })])?.id).toBe("t2");
    expect(takeForSheet([take(1, null), take(2, null)])).toBeNull();
  });
});

describe("keys", () => {
  it("are the same however they are spelled", () => {
    expect(sameKey("F#", "Gb")).toBe(true);
    expect(sameKey("F#m", "Gbm")).toBe(true);
    expect(sameKey("Am", "A minor")).toBe(true);
    expect(sameKey("Bb", "A#")).toBe(true);
  });

  it("differ when the tonic or the mode does: relative keys are different keys", () => {
    expect(sameKey("C", "Am")).toBe(false);
    expect(sameKey("G", "A")).toBe(false);
    expect(sameKey("E", "Em")).toBe(false);
  });

  it("cannot be compared when one is not a key", () => {
    expect(sameKey("modal-ish", "A")).toBeNull();
  });
});

describe("tempos", () => {
  it("differ by more than 3%", () => {
    expect(tempoDiffers(120, 123.5)).toBe(false);
    expect(tempoDiffers(120, 116.5)).toBe(false);
    expect(tempoDiffers(120, 124)).toBe(true);
    expect(tempoDiffers(120, 116)).toBe(true);
  });
});

describe("the sheet from the music", () => {
  it("offers the detected key and tempo for an empty sheet", () => {
    const advice = sheetFromMusic({ key: null, tempoBpm: null }, [take(1, { bpm: 127.6, key: "F#m" }, true)]);
    expect(advice).toEqual({ takeId: "t1", source: "The best take", offer: { key: "F#m", tempoBpm: 128 }, differences: [] });
    expect(detectedLine(advice!.offer!)).toBe("Detected: F#m · 128 BPM");
  });

  it("offers only what is empty", () => {
    expect(sheetFromMusic({ key: "F#m", tempoBpm: null }, [take(1, { bpm: 90, key: "F#m" })])?.offer).toEqual({ key: null, tempoBpm: 90 });
    expect(detectedLine({ key: null, tempoBpm: 90 })).toBe("Detected: 90 BPM");
    expect(sheetFromMusic({ key: "  ", tempoBpm: 90 }, [take(1, { bpm: 90, key: "Bb" })])?.offer).toEqual({ key: "Bb", tempoBpm: null });
  });

  it("says calmly where a full sheet and the take disagree, naming the take", () => {
    expect(sheetFromMusic({ key: "A", tempoBpm: 120 }, [take(2, { bpm: 128, key: "G" }, true)])).toEqual({
      takeId: "t2",
      source: "The best take",
      offer: null,
      differences: ["The best take sounds in G, the sheet says A.", "The best take plays at about 128 BPM, the sheet says 120."],
    });
    expect(sheetFromMusic({ key: "Gb", tempoBpm: 120 }, [take(4, { bpm: 122, key: "F#" })])).toEqual({ takeId: "t4", source: "Take 4", offer: null, differences: [] });
  });

  it("says nothing without an analysed take", () => {
    expect(sheetFromMusic({ key: null, tempoBpm: null }, [take(1, null)])).toBeNull();
  });
});
