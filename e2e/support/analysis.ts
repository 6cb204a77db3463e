import type { MusicAnalysis } from "@/features/analysis/analysis.schema";
import type { AudioSeed } from "./audio-seed";

/**
 * An analysis with a steady beat, for tests of what the page draws from one:
 * `bars` bars of `beatsPerBar` beats at `bpm`, the first downbeat at
 * `firstBeat` seconds, one chord per bar from `chords` (repeated).
 */
export function steadyAnalysis(opts: {
  bpm: number;
  bars: number;
  beatsPerBar?: number;
  firstBeat?: number;
  key?: { tonic: string; mode: "major" | "minor" };
  chords?: string[];
}): MusicAnalysis {
  const beatsPerBar = opts.beatsPerBar ?? 4;
  const firstBeat = opts.firstBeat ?? 0;
  const period = 60 / opts.bpm;
  const beats = Array.from({ length: opts.bars * beatsPerBar }, (_, i) => round(firstBeat + i * period));
  const downbeats = beats.filter((_, i) => i % beatsPerBar === 0);
  const chords = opts.chords ?? ["C", "G", "Am", "F"];
  const key = opts.key ?? { tonic: "C", mode: "major" as const };
  const barLength = period * beatsPerBar;
  return {
    version: 1,
    bpm: opts.bpm,
    tempo: Array.from({ length: Math.max(1, Math.floor((opts.bars * barLength) / 5)) }, (_, i) => ({ t: round(firstBeat + i * 5), bpm: opts.bpm })),
    beats,
    downbeats,
    key: { ...key, label: key.tonic + (key.mode === "minor" ? "m" : ""), confidence: 0.8 },
    chords: downbeats.map((start, i) => ({ start, end: round(start + barLength), label: chords[i % chords.length]! })),
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Stores `analysis` as the take's READY analysis, as the worker would. */
export async function seedAnalysis(seed: AudioSeed, versionId: string, analysis: MusicAnalysis): Promise<void> {
  await seed.query(
    `INSERT INTO "TakeAnalysis" ("versionId", "bandId", state, bpm, "keyLabel", "keyConfidence", data, "analysedAt", "updatedAt")
     SELECT id, "bandId", 'READY', $2, $3, $4, $5::jsonb, now(), now() FROM "Version" WHERE id = $1
     ON CONFLICT ("versionId") DO UPDATE SET state = 'READY', reason = NULL, bpm = $2, "keyLabel" = $3, "keyConfidence" = $4, data = $5::jsonb, "analysedAt" = now(), "updatedAt" = now()`,
    [versionId, analysis.bpm, analysis.key.label, analysis.key.confidence, JSON.stringify(analysis)],
  );
}

/**
 * Waits until the take is processed and no analysis of the app's own is still
 * to come (its worker analyses every processed take): a seeded analysis
 * stored before then would be replaced by the real one.
 */
export async function waitForTakeSettled(seed: AudioSeed, versionId: string, deadline: number): Promise<void> {
  for (;;) {
    const row = (
      await seed.query<{ processing: string; analysis: string | null }>(
        `SELECT v.processing::text AS processing, a.state::text AS analysis FROM "Version" v LEFT JOIN "TakeAnalysis" a ON a."versionId" = v.id WHERE v.id = $1`,
        [versionId],
      )
    )[0];
    if (row?.processing === "READY" && row.analysis !== "PENDING" && row.analysis !== "RUNNING") return;
    if (row?.processing === "FAILED" || Date.now() > deadline) throw new Error(`take ${versionId} is ${row?.processing}, its analysis ${row?.analysis}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
