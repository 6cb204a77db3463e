"use client";

import type { LaneView } from "@/features/player/lane-view";
import type { PlaybackClock } from "@/features/player/playback-clock";
import { ChordLane } from "./chord-lane";
import { TempoLane } from "./tempo-lane";
import { useTakeAnalysis } from "./use-take-analysis";

type Lane = {
  versionId: string;
  /** Only a READY analysis is fetched. */
  ready: boolean;
  clock: PlaybackClock;
  duration: number;
  view: LaneView;
};

/** The chord lane of a take, once its analysis is there and has chords. */
export function TakeChordLane({ versionId, ready, semitones, songKey, ...lane }: Lane & { semitones: number; songKey: string | null }) {
  const analysis = useTakeAnalysis(versionId, ready);
  const chords = analysis.data?.chords ?? [];
  // The lane's room is kept while it loads, so the waveform does not jump down when it arrives.
  if (analysis.isLoading) return <div className="lane-placeholder is-chords" aria-hidden="true" />;
  if (!analysis.data || chords.length === 0 || lane.duration <= 0) return null;
  return <ChordLane chords={chords} semitones={semitones} songKey={songKey ?? analysis.data.key.label} {...lane} />;
}

/** The tempo lane of a take, once its analysis is there. */
export function TakeTempoLane({ versionId, ready, sheetBpm, ...lane }: Lane & { sheetBpm: number | null }) {
  const analysis = useTakeAnalysis(versionId, ready);
  if (analysis.error) {
    return (
      <p className="small muted m-0" role="status">
        The tempo and chords could not be loaded; the take still plays.
      </p>
    );
  }
  if (analysis.isLoading) return <div className="lane-placeholder is-tempo" aria-hidden="true" />;
  if (!analysis.data) return null;
  return <TempoLane analysis={analysis.data} sheetBpm={sheetBpm} {...lane} />;
}
