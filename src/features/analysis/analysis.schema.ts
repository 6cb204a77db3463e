import { z } from "zod";

/**
 * What the music analysis understood of a take, as
 * GET /api/versions/[versionId]/analysis serves it (the contract's
 * "Every take understood"). Times are seconds from the start of the take.
 * Bumping `version` means older rows are analysed again by the backfill.
 */
export const ANALYSIS_FORMAT_VERSION = 1;

export const keyModeSchema = z.enum(["major", "minor"]);

export const musicKeySchema = z.object({
  /** The tonic as a chord-sheet note name: "C", "F#", "Bb". */
  tonic: z.string().min(1).max(3),
  mode: keyModeSchema,
  /** The key as a chord-sheet name: "C", "F#m", "Bb". */
  label: z.string().min(1).max(4),
  /** 0-1. */
  confidence: z.number().min(0).max(1),
});

export const tempoPointSchema = z.object({ t: z.number().nonnegative(), bpm: z.number().positive() });

export const chordSpanSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  /** A chord-sheet name ("Am", "F#", "Bb") or "N" where no chord sounds. */
  label: z.string().min(1).max(8),
});

export const musicAnalysisSchema = z.object({
  version: z.literal(ANALYSIS_FORMAT_VERSION),
  /** The take's global tempo. */
  bpm: z.number().positive(),
  /** BPM every few seconds, in time order. */
  tempo: z.array(tempoPointSchema),
  /** Every beat, in time order. */
  beats: z.array(z.number().nonnegative()),
  /** Bar starts (a subset of beats), in time order; 4/4 unless the music says otherwise. */
  downbeats: z.array(z.number().nonnegative()),
  key: musicKeySchema,
  /** Consecutive spans, in time order. */
  chords: z.array(chordSpanSchema),
});

export type MusicKey = z.infer<typeof musicKeySchema>;
export type TempoPoint = z.infer<typeof tempoPointSchema>;
export type ChordSpan = z.infer<typeof chordSpanSchema>;
export type MusicAnalysis = z.infer<typeof musicAnalysisSchema>;

/** What take views carry as `analysis`: null until the analysis is READY. */
export type AnalysisSummary = { bpm: number; key: string; keyConfidence: number };
