import type { AnalysisSummary } from "./analysis.schema";

export type AnalysisState = "NONE" | "PENDING" | "RUNNING" | "READY" | "ABSENT";

/**
 * What a take's row says of its music: "128 BPM · F#m" once analysed,
 * "Analysing…" while it is, and nothing otherwise (the take's details say
 * why there is none).
 */
export function takeMusicLine(state: AnalysisState, analysis: AnalysisSummary | null): string | null {
  if (state === "READY" && analysis) return `${Math.round(analysis.bpm)} BPM · ${analysis.key}`;
  if (state === "PENDING" || state === "RUNNING") return "Analysing…";
  return null;
}
