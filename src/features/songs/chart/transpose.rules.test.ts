import { describe, expect, it } from "vitest";
import { clampTranspose, isChord, keyLabel, parseKey, spellingFor, transposeChord, transposeKey } from "./transpose.rules";

describe("chord names", () => {
  it("recognises the chords bands write and not the words around them", () => {
    for (const c of ["A", "Bm", "F#m7b5", "D/F#", "Cadd9", "E7(#9)", "Gsus4", "Bbmaj7", "C#dim", "Eaug", "A7sus2", "G/B"]) expect(isChord(c), c).toBe(true);
    for (const w of ["Riding", "Be", "Dim", "Go", "Am I", "H", "c", "Em,", "[Am]"]) expect(isChord(w), w).toBe(false);
  });

  it("moves root and bass, keeps the rest", () => {
    expect(transposeChord("Bm", 2, "sharps")).toBe("C#m");
    expect(transposeChord("D/F#", -2, "sharps")).toBe("C/E");
    expect(transposeChord("F#m7b5", 1, "sharps")).toBe("Gm7b5");
    expect(transposeChord("E", 1, "flats")).toBe("F");
    expect(transposeChord("G", 1, "flats")).toBe("Ab");
    expect(transposeChord("G", 1, "sharps")).toBe("G#");
    expect(transposeChord("B", 1, "sharps")).toBe("C");
    expect(transposeChord("C", -1, "flats")).toBe("B");
    expect(transposeChord("Bbmaj7", 2, "sharps")).toBe("Cmaj7");
  });

  it("leaves annotations and an untransposed chord alone", () => {
    expect(transposeChord("N.C.", 3, "sharps")).toBe("N.C.");
    expect(transposeChord("riff", 3, "sharps")).toBe("riff");
    expect(transposeChord("Bb", 0, "sharps")).toBe("Bb");
  });
});

describe("the key", () => {
  it("reads keys as bands write them", () => {
    expect(parseKey("Bm")).toEqual({ root: 11, minor: true });
    expect(parseKey("F#m")).toEqual({ root: 6, minor: true });
    expect(parseKey("Eb major")).toEqual({ root: 3, minor: false });
    expect(parseKey("C# minor")).toEqual({ root: 1, minor: true });
    expect(parseKey("B♭")).toEqual({ root: 10, minor: false });
    expect(parseKey("Dorian-ish")).toBeNull();
    expect(parseKey("")).toBeNull();
  });

  it("transposes to the key's usual name: Bm +2 = C#m", () => {
    expect(transposeKey("Bm", 2)).toBe("C#m");
    expect(transposeKey("G", 2)).toBe("A");
    expect(transposeKey("G", 1)).toBe("Ab");
    expect(transposeKey("E", -1)).toBe("Eb");
    expect(transposeKey("Am", -2)).toBe("Gm");
    expect(transposeKey("F#m", 0)).toBe("F#m");
    expect(transposeKey("not a key", 3)).toBe("not a key");
  });

  it("spells chords as the target key does", () => {
    expect(spellingFor("G", 1)).toBe("flats"); // Ab
    expect(spellingFor("Bm", 2)).toBe("sharps"); // C#m
    expect(spellingFor("C", 5)).toBe("flats"); // F
    expect(spellingFor("Em", -2)).toBe("flats"); // Dm
    expect(spellingFor(null, 2)).toBe("sharps");
    expect(spellingFor(null, -2)).toBe("flats");
  });

  it("labels the key with how far it moved", () => {
    expect(keyLabel("G", 2)).toBe("Key: A (+2)");
    expect(keyLabel("Bm", 2)).toBe("Key: C#m (+2)");
    expect(keyLabel("Bm", -3)).toBe("Key: G#m (\u22123)");
    expect(keyLabel("Bm", 0)).toBe("Key: Bm");
    expect(keyLabel(null, 0)).toBe("Key not set");
    expect(keyLabel("", 3)).toBe("Transposed +3");
    expect(keyLabel("modal", 1)).toBe("Transposed +1 from modal");
  });

  it("keeps the offset within an octave either way", () => {
    expect(clampTranspose(12)).toBe(11);
    expect(clampTranspose(-40)).toBe(-11);
    expect(clampTranspose(2.7)).toBe(2);
    expect(clampTranspose(Number.NaN)).toBe(0);
  });
});
