"use client";

/**
 * The practice tools a take's analysis makes possible: go to a bar, how a
 * dragged loop snaps, a loop widened to whole bars, and the click track with
 * its own volume and a count-in. Props only; the engine and the click track drive them.
 */

import { useId, useState, type FormEvent } from "react";
import type { SnapMode } from "@/features/player/bars";
import type { Loop } from "@/features/player/ui/use-player-engine";

const SNAP_LABELS: Record<SnapMode, string> = { bar: "Bars", beat: "Beats", off: "Off" };

type Props = {
  goToBarId: string;
  bars: number;
  bpm: number;
  loop: Loop | null;
  snap: SnapMode;
  onSnap: (mode: SnapMode) => void;
  onGoToBar: (bar: number) => boolean;
  onWholeBars: () => void;
  clickOn: boolean;
  onClick: (on: boolean) => void;
  clickVolume: number;
  onClickVolume: (volume: number) => void;
  countIn: boolean;
  onCountIn: (on: boolean) => void;
  countingIn: boolean;
  clickUnavailable: boolean;
};

export function BeatControls(props: Props) {
  const { goToBarId, bars, bpm, loop, snap, onSnap, onGoToBar, onWholeBars, clickOn, onClick, clickVolume, onClickVolume, countIn, onCountIn, countingIn, clickUnavailable } = props;
  const [bar, setBar] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const snapName = useId();
  const volumeId = useId();
  const problemId = useId();

  const go = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(bar);
    if (!Number.isInteger(n) || n < 1 || n > bars) {
      setProblem(`Pick a bar from 1 to ${bars}.`);
      return;
    }
    setProblem(null);
    onGoToBar(n);
  };

  return (
    <div className="player-beats" role="group" aria-label="Bars and click track" data-testid="beat-controls">
      <div className="row player-buttons">
        <form className="goto-bar" onSubmit={go} noValidate>
          <label className="small" htmlFor={goToBarId}>
            Go to bar
          </label>
          <input
            id={goToBarId}
            className="input goto-bar-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={bars}
            step={1}
            value={bar}
            onChange={(e) => setBar(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            data-testid="goto-bar"
          />
          <button type="submit" className="btn btn-secondary btn-sm" data-testid="goto-bar-go">
            Go
          </button>
        </form>
        <fieldset className="snap-choice" title="Hold Alt (Option on a Mac) while dragging for a loop that does not snap">
          <legend className="small">Loops snap to</legend>
          {(Object.keys(SNAP_LABELS) as SnapMode[]).map((mode) => (
            <label key={mode} className={`snap-option${snap === mode ? " is-on" : ""}`}>
              <input type="radio" name={snapName} value={mode} checked={snap === mode} onChange={() => onSnap(mode)} data-testid={`snap-${mode}`} />
              {SNAP_LABELS[mode]}
            </label>
          ))}
        </fieldset>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onWholeBars} disabled={loop?.end == null} title={`Widen the loop to the whole bars it covers (the take has ${bars})`} data-testid="loop-whole-bars">
          Whole bars
        </button>
      </div>
      {problem ? (
        <p id={problemId} className="field-error small m-0" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="row player-buttons">
        <label className="check-inline small">
          <input type="checkbox" checked={clickOn} onChange={(e) => onClick(e.target.checked)} disabled={clickUnavailable} data-testid="click-toggle" /> Click track
        </label>
        <label className="visually-hidden" htmlFor={volumeId}>
          Click volume
        </label>
        <input
          id={volumeId}
          type="range"
          className="player-volume-slider"
          min={0}
          max={1}
          step={0.05}
          value={clickVolume}
          aria-valuetext={`${Math.round(clickVolume * 100)} %`}
          onChange={(e) => onClickVolume(Number(e.target.value))}
          data-testid="click-volume"
        />
        <label className="check-inline small">
          <input type="checkbox" checked={countIn} onChange={(e) => onCountIn(e.target.checked)} disabled={clickUnavailable} data-testid="count-in-toggle" /> Count in a bar before a loop
        </label>
        <span className="small muted" role="status" data-testid="click-status">
          {clickUnavailable ? "This browser cannot play a click track." : countingIn ? "Counting in…" : clickOn ? `On the take's own beats (about ${Math.round(bpm)} BPM)` : ""}
        </span>
      </div>
    </div>
  );
}
