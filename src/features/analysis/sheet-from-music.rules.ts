import { parseKey } from "@/features/songs/chart/transpose.rules";
import type { AnalysisSummary } from "./analysis.schema";

/**
 * What the song sheet learns from the music: which take speaks for the song,
 * what it may fill in, and where it and the sheet disagree. Pure.
 */

/** The sheet's tempo and a take's differ when they are more than this share apart. */
export const SHEET_TEMPO_TOLERANCE = 0.03;

export type AnalysedTake = { id: string; number: number; isBest: boolean; createdAt: Date; analysis: AnalysisSummary | null };

/** The best take when it has an analysis, else the latest take that has one; null when none has. */
export function takeForSheet<T extends AnalysedTake>(takes: readonly T[]): (T & { analysis: AnalysisSummary }) | null {
  const analysed = takes.filter((t): t is T & { analysis: AnalysisSummary } => t.analysis !== null);
  const best = analysed.find((t) => t.isBest);
  if (best) return best;
  return analysed.reduce<(T & { analysis: AnalysisSummary }) | null>((latest, t) => (!latest || t.createdAt > latest.createdAt ? t : latest), null);
}

/**
 * The same key however it is written: F# = Gb, "Am" = "A minor". A key and its
 * relative (C and Am) are different keys. Null when either is not a key the rules read.
 */
export function sameKey(a: string, b: string): boolean | null {
  const x = parseKey(a);
  const y = parseKey(b);
  if (!x || !y) return null;
  return x.root === y.root && x.minor === y.minor;
}

export function tempoDiffers(sheetBpm: number, takeBpm: number, tolerance = SHEET_TEMPO_TOLERANCE): boolean {
  return Math.abs(takeBpm / sheetBpm - 1) > tolerance;
}

export type SheetFromMusic = {
  /** The take the advice comes from, and how to name it ("The best take", "Take 4"). */
  takeId: string;
  source: string;
  /** What may fill the sheet's empty fields (only those), or null when nothing is empty. */
  offer: { key: string | null; tempoBpm: number | null } | null;
  /** Calm sentences where the take and the filled-in sheet disagree. */
  differences: string[];
};

/** The advice for a sheet from its songs' takes, or null when no take has an analysis. */
export function sheetFromMusic(sheet: { key: string | null; tempoBpm: number | null }, takes: readonly AnalysedTake[]): SheetFromMusic | null {
  const take = takeForSheet(takes);
  if (!take) return null;
  const source = take.isBest ? "The best take" : `Take ${take.number}`;
  const detectedBpm = Math.round(take.analysis.bpm);
  const sheetKey = sheet.key?.trim() || null;
  const offer = {
    key: sheetKey ? null : take.analysis.key,
    tempoBpm: sheet.tempoBpm ? null : detectedBpm,
  };
  const differences: string[] = [];
  if (sheetKey && sameKey(sheetKey, take.analysis.key) === false) differences.push(`${source} sounds in ${take.analysis.key}, the sheet says ${sheetKey}.`);
  if (sheet.tempoBpm && tempoDiffers(sheet.tempoBpm, take.analysis.bpm)) {
    differences.push(`${source} plays at about ${detectedBpm} BPM, the sheet says ${sheet.tempoBpm}.`);
  }
  return { takeId: take.id, source, offer: offer.key || offer.tempoBpm ? offer : null, differences };
}

/** "Detected: F#m · 128 BPM" from what is offered. */
export function detectedLine(offer: { key: string | null; tempoBpm: number | null }): string {
  return `Detected: ${[offer.key, offer.tempoBpm ? `${offer.tempoBpm} BPM` : null].filter(Boolean).join(" · ")}`;
}
