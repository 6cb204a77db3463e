"use client";

import { memo } from "react";
import { barLabelStep, labelledBars, showBeatGrid, type BeatGrid } from "@/features/player/bars";

type Props = { grid: BeatGrid; duration: number; /** The drawn width of the whole take, in pixels. */ width: number };

const at = (seconds: number, duration: number) => `${(seconds / duration) * 100}%`;

/** Bar numbers under the waveform, thinned out (every 2nd, 4th… bar) when bars are narrow. */
export const BarNumbers = memo(function BarNumbers({ grid, duration, width }: Props) {
  const step = barLabelStep(grid, width / duration);
  return (
    <>
      {labelledBars(grid, step)
        .filter((b) => b.at <= duration)
        .map((b) => (
          <span key={b.bar} className="waveform-bar-number" style={{ left: at(b.at, duration) }} data-testid="bar-number" data-bar={b.bar} data-at={b.at}>
            {b.bar}
          </span>
        ))}
    </>
  );
});

/** Faint lines over the waveform: the numbered bars always, every beat once they are far enough apart. */
export const BarLines = memo(function BarLines({ grid, duration, width }: Props) {
  const pxPerSecond = width / duration;
  const step = barLabelStep(grid, pxPerSecond);
  const beats = showBeatGrid(grid, pxPerSecond);
  const bars = new Set(labelledBars(grid, beats ? 1 : step).map((b) => b.at));
  return (
    <>
      {(beats ? grid.beats : [...bars])
        .filter((t) => t <= duration)
        .map((t) => (
          <span key={t} className={`waveform-gridline${bars.has(t) ? " is-bar" : ""}`} style={{ left: at(t, duration) }} data-testid={bars.has(t) ? undefined : "beat-line"} />
        ))}
    </>
  );
});
