"use client";

import type { PlaybackClock } from "@/features/player/playback-clock";
import type { LaneView } from "@/features/player/lane-view";
import type { MusicAnalysis } from "../analysis.schema";
import { TEMPO_TOLERANCE, tempoPassages, tempoReference, tempoSummary } from "../tempo-lane.rules";
import { LanePlayhead, LaneTrack } from "./lane-track";

type Props = {
  analysis: Pick<MusicAnalysis, "bpm" | "tempo" | "downbeats">;
  /** The song sheet's tempo; without one the take is measured against its own. */
  sheetBpm: number | null;
  clock: PlaybackClock;
  duration: number;
  view: LaneView;
};

/** How far above or below the reference line the lane reaches: ±10%. */
const SCALE = 0.1;

/** Lane height in viewBox units (and percent); the reference line sits in the middle. */
const H = 100;
const y = (bpm: number, reference: number) => H / 2 - (Math.max(-1, Math.min(1, (bpm / reference - 1) / SCALE)) * H * 0.45);

/**
 * The take's tempo under the waveform, against the sheet's tempo: where the
 * band rushes the passage is hatched above the line, where it drags it is
 * dotted below (shapes and words, not colour alone), with a legend and the passages in words under the lane.
 */
export function TempoLane({ analysis, sheetBpm, clock, duration, view }: Props) {
  const reference = tempoReference(sheetBpm, analysis.bpm);
  const ref = reference.bpm;
  if (duration <= 0 || analysis.tempo.length === 0) return null;
  const passages = tempoPassages(analysis.tempo, ref, duration).filter((p) => p.feel !== "steady");
  const summary = tempoSummary(analysis.tempo, ref, duration, analysis.downbeats);
  const curve = [...analysis.tempo.map((p) => `${p.t},${y(p.bpm, ref)}`), `${duration},${y(analysis.tempo[analysis.tempo.length - 1]!.bpm, ref)}`].join(" ");
  const bandTop = y(ref * (1 + TEMPO_TOLERANCE), ref);
  const bandBottom = y(ref * (1 - TEMPO_TOLERANCE), ref);
  const against = reference.source === "sheet" ? `the sheet's ${Math.round(ref)} BPM` : `this take's own ${Math.round(ref)} BPM`;

  return (
    <div className="tempo-lane" data-testid="tempo-lane" data-reference={reference.source}>
      <LaneTrack view={view} className="tempo-track">
        {/* The passages are boxes with CSS patterns (a stretched SVG would stretch its patterns too). */}
        <div className="tempo-steady-band" style={{ top: `${bandTop}%`, height: `${bandBottom - bandTop}%` }} aria-hidden="true" />
        {passages.map((p) => (
          <div
            key={`${p.feel}-${p.start}`}
            className={`tempo-passage is-${p.feel}`}
            style={{
              left: `${(p.start / duration) * 100}%`,
              width: `${((p.end - p.start) / duration) * 100}%`,
              ...(p.feel === "rush" ? { top: 0, height: `${bandTop}%` } : { top: `${bandBottom}%`, bottom: 0 }),
            }}
            data-feel={p.feel}
            aria-hidden="true"
          />
        ))}
        <svg className="tempo-svg" viewBox={`0 0 ${duration} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <line x1="0" x2={duration} y1={H / 2} y2={H / 2} className="tempo-reference" vectorEffect="non-scaling-stroke" />
          <polyline points={curve} className="tempo-curve" vectorEffect="non-scaling-stroke" />
        </svg>
        <LanePlayhead clock={clock} duration={duration} />
      </LaneTrack>
      <div className="tempo-legend small">
        <span className="tempo-key">
          <span className="tempo-swatch is-rush" aria-hidden="true" />
          ▲ Rushing
        </span>
        <span className="tempo-key">
          <span className="tempo-swatch is-drag" aria-hidden="true" />
          ▼ Dragging
        </span>
        <span className="muted">against {against} (±{TEMPO_TOLERANCE * 100}%)</span>
      </div>
      {summary.length > 0 ? (
        <ul className="tempo-summary small" aria-label="Where the tempo moved" data-testid="tempo-summary">
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="tempo-summary small muted m-0" data-testid="tempo-summary">
          Steady: within {TEMPO_TOLERANCE * 100}% of {against} throughout.
        </p>
      )}
    </div>
  );
}
