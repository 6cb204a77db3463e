import { createRequire } from "node:module";

/**
 * essentia.js (Essentia's WebAssembly build, AGPL-3.0): the few calls the
 * analysis makes, typed. Every vector it returns lives in the WebAssembly
 * heap, outside the garbage collector: whoever gets one deletes it.
 */
export type EssentiaVector = { size(): number; get(i: number): number; delete(): void };
export type EssentiaVectorVector = { push_back(v: EssentiaVector): void; size(): number; get(i: number): EssentiaVector; delete(): void };

type EssentiaWasm = { VectorFloat: new () => EssentiaVector & { push_back(x: number): void }; VectorVectorFloat: new () => EssentiaVectorVector };

export type Essentia = {
  arrayToVector(a: Float32Array): EssentiaVector;
  vectorToArray(v: EssentiaVector): Float32Array;
  BeatTrackerDegara(signal: EssentiaVector, maxTempo: number, minTempo: number): { ticks: EssentiaVector };
  Windowing(frame: EssentiaVector, normalized: boolean, size: number, type: string): { frame: EssentiaVector };
  Spectrum(frame: EssentiaVector, size: number): { spectrum: EssentiaVector };
  SpectralPeaks(spectrum: EssentiaVector, magnitudeThreshold: number, maxFrequency: number, maxPeaks: number, minFrequency: number, orderBy: string, sampleRate: number): {
    frequencies: EssentiaVector; magnitudes: EssentiaVector;
  };
  HPCP(
    frequencies: EssentiaVector, magnitudes: EssentiaVector, bandPreset: boolean, bandSplitFrequency: number, harmonics: number, maxFrequency: number,
    maxShifted: boolean, minFrequency: number, nonLinear: boolean, normalized: string, referenceFrequency: number, sampleRate: number, size: number,
  ): { hpcp: EssentiaVector };
  Key(pcp: EssentiaVector, numHarmonics: number, pcpSize: number, profileType: string, slope: number, useMajMin: boolean, usePolyphony: boolean, useThreeChords: boolean): {
    key: string; scale: string; strength: number; firstToSecondRelativeStrength: number;
  };
  ChordsDetectionBeats(pcp: EssentiaVectorVector, ticks: EssentiaVector, chromaPick: string, hopSize: number, sampleRate: number): {
    chords: EssentiaVector & { get(i: number): string }; strength: EssentiaVector;
  };
};

let loaded: { essentia: Essentia; wasm: EssentiaWasm } | undefined;

/** The one Essentia instance of this process (its WebAssembly module compiles once, ~0.2 s). */
export function essentia(): { essentia: Essentia; wasm: EssentiaWasm } {
  if (loaded) return loaded;
  const lib = createRequire(import.meta.url)("essentia.js") as { Essentia: new (wasm: unknown) => Essentia; EssentiaWASM: EssentiaWasm };
  loaded = { essentia: new lib.Essentia(lib.EssentiaWASM), wasm: lib.EssentiaWASM };
  return loaded;
}

/** Deletes WebAssembly vectors (null and undefined skipped). */
export function free(...vectors: ({ delete(): void } | null | undefined)[]): void {
  for (const v of vectors) v?.delete();
}
