"use client";

/**
 * The player's presentational parts: the play button and titles, the seek bar,
 * the time readout, the skip/zoom buttons, the speed select and the practice
 * tools. They take props only; the engine (use-player-engine.ts) drives them.
 */

import { useEffect, useId, useRef } from "react";
import { Icon } from "@/components/icon";
import { formatClock, spokenClock } from "@/lib/format-time";
import { useWholeSeconds, type PlaybackClock } from "@/features/player/playback-clock";
import { MAX_RATE, MIN_RATE } from "@/features/player/tempo-ladder";
import { ARROW_SECONDS } from "@/features/player/keymap";
import type { PeaksState } from "@/features/player/ui/use-peaks";
import type { Loop } from "@/features/player/ui/use-player-engine";

const SPEEDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
const SKIP_SECONDS = 10;

/** The play/pause button (a spinner while buffering) and the take's titles. */
export function PlayerHead({ title, subtitle, playing, waiting, onToggle }: { title: string; subtitle?: string; playing: boolean; waiting: boolean; onToggle: () => void }) {
  return (
    <div className="player-head">
      <button
        type="button"
        className={`player-play${playing ? " is-playing" : ""}`}
        onClick={onToggle}
        aria-label={playing ? `Pause ${title}` : `Play ${title}`}
        data-testid="player-toggle"
      >
        {waiting && playing ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>}
      </button>
      <div className="grow player-titles">
        <div className="player-title user-text">{title}</div>
        {subtitle ? <div className="small muted truncate">{subtitle}</div> : null}
      </div>
    </div>
  );
}

/** Said in place of the waveform while it is not there. */
export function WaveformNote({ state }: { state: PeaksState["state"] }) {
  return (
    <p className="small muted player-wave-note" data-testid="waveform-pending" role="status">
      {state === "loading" ? "Loading the waveform…" : state === "error" ? "The waveform could not be loaded; the take still plays." : "The waveform is on its way: the take plays already."}
    </p>
  );
}

/** The seek slider, moved by the clock without re-rendering (arrow keys step 5 s). */
export function SeekBar({ seek, clock, duration, label = "Seek", testId = "player-seek", thin = false }: { seek: (seconds: number) => void; clock: PlaybackClock; duration: number; label?: string; testId?: string; thin?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const seconds = useWholeSeconds(clock);
  useEffect(() => {
    const sync = () => {
      const t = clock.get();
      if (input.current && !dragging.current) input.current.value = String(Math.min(t, duration || 0));
      if (wrap.current) wrap.current.style.setProperty("--pct", `${duration > 0 ? Math.min(100, (t / duration) * 100) : 0}%`);
    };
    sync();
    return clock.subscribe(sync);
  }, [clock, duration]);

  return (
    <div className={`player-track${thin ? " is-thin" : ""}`} ref={wrap}>
      <input
        ref={input}
        type="range"
        className="player-seek"
        min={0}
        max={duration || 0}
        step={0.1}
        defaultValue={0}
        disabled={!duration}
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
        // The arrows step 5 s (a 0.1 s step would be useless by keyboard; a 5 s step would make pointer seeking coarse).
        onKeyDown={(e) => {
          const delta = e.key === "ArrowRight" || e.key === "ArrowUp" ? ARROW_SECONDS : e.key === "ArrowLeft" || e.key === "ArrowDown" ? -ARROW_SECONDS : 0;
          if (!delta) return;
          e.preventDefault();
          seek(clock.get() + delta);
        }}
        onChange={(e) => {
          seek(Number(e.target.value));
        }}
        aria-label={label}
        aria-valuetext={`${spokenClock(seconds)} of ${spokenClock(duration || null)}`}
        data-testid={testId}
      />
    </div>
  );
}

/** Current / total time, re-rendered once a second. */
export function TimeReadout({ clock, duration }: { clock: PlaybackClock; duration: number | null }) {
  const seconds = useWholeSeconds(clock);
  return (
    <span className="player-time mono" aria-live="off">
      <span data-testid="player-current">{formatClock(seconds)}</span>
      <span className="faint"> / </span>
      <span data-testid="player-duration">{formatClock(duration)}</span>
    </span>
  );
}

/** Ten seconds back and forward. */
export function SkipButtons({ seekBy }: { seekBy: (seconds: number) => void }) {
  return (
    <>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekBy(-SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds back`}>
        <span aria-hidden="true">↺</span> {SKIP_SECONDS}
      </button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekBy(SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds forward`}>
        {SKIP_SECONDS} <span aria-hidden="true">↻</span>
      </button>
    </>
  );
}

/** The waveform's zoom out/in: magnifiers, so they never read as volume. */
export function ZoomButtons({ canZoomOut, canZoomIn, onZoomOut, onZoomIn }: { canZoomOut: boolean; canZoomIn: boolean; onZoomOut: () => void; onZoomIn: () => void }) {
  return (
    <span className="player-zoom" role="group" aria-label="Waveform zoom">
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={onZoomOut} disabled={!canZoomOut} aria-label="Zoom out" title="Zoom out" data-testid="zoom-out">
        <Icon name="zoomOut" size={18} />
      </button>
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={onZoomIn} disabled={!canZoomIn} aria-label="Zoom in" title="Zoom in" data-testid="zoom-in">
        <Icon name="zoomIn" size={18} />
      </button>
    </span>
  );
}

/**
 * Mute and the volume slider (kept in this browser). Where a page cannot set
 * the volume (iOS: the hardware buttons own it) only mute is offered.
 */
export function VolumeControl({ volume, muted, adjustable, onVolume, onToggleMute }: { volume: number; muted: boolean; adjustable: boolean; onVolume: (volume: number) => void; onToggleMute: () => void }) {
  const id = useId();
  const silent = muted || (adjustable && volume === 0);
  return (
    <span className="player-volume" role="group" aria-label="Volume">
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={onToggleMute} aria-pressed={muted} aria-label="Mute" title={muted ? "Unmute" : "Mute"} data-testid="player-mute">
        <Icon name={silent ? "volumeMuted" : "volume"} size={18} />
      </button>
      {adjustable ? (
        <>
          <label className="visually-hidden" htmlFor={id}>
            Volume
          </label>
          <input
            id={id}
            type="range"
            className="player-volume-slider"
            min={0}
            max={1}
            step={0.05}
            value={volume}
            aria-valuetext={muted ? `${Math.round(volume * 100)} %, muted` : `${Math.round(volume * 100)} %`}
            onChange={(e) => onVolume(Number(e.target.value))}
            data-testid="player-volume"
          />
        </>
      ) : null}
    </span>
  );
}

/** The playback speed: the usual steps, plus the current one if it is between them (the tempo ladder's, a nudge's). */
export function SpeedSelect({ id, speed, onChange }: { id: string; speed: number; onChange: (rate: number) => void }) {
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        Playback speed
      </label>
      <select id={id} className="select player-speed" value={String(speed)} onChange={(e) => onChange(Number(e.target.value))} data-testid="player-speed">
        {[...new Set<number>([...SPEEDS, speed])]
          .filter((s) => s >= MIN_RATE && s <= MAX_RATE)
          .sort((a, b) => a - b)
          .map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
      </select>
    </>
  );
}

type PracticeProps = {
  loop: Loop | null;
  ladderOn: boolean;
  ladderStart: number;
  ladderStep: number;
  onSetA: () => void;
  onSetB: () => void;
  onClearLoop: () => void;
  onLadderToggle: (on: boolean) => void;
  onLadderStart: (percent: number) => void;
  onLadderStep: (percent: number) => void;
};

/** The A-B loop and the tempo ladder. */
export function PracticeControls({ loop, ladderOn, ladderStart, ladderStep, onSetA, onSetB, onClearLoop, onLadderToggle, onLadderStart, onLadderStep }: PracticeProps) {
  return (
    <div className="player-practice" role="group" aria-label="Practice">
      <span className="small muted" data-testid="loop-state" data-start={loop?.start} data-end={loop?.end ?? undefined}>
        {loop ? (loop.end != null ? `Loop ${formatClock(loop.start)}–${formatClock(loop.end)}` : `Loop from ${formatClock(loop.start)}: press ] to end it`) : "No loop: drag across the waveform, or press [ and ]"}
      </span>
      <div className="row player-buttons">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onSetA}>
          Set A
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onSetB} disabled={!loop}>
          Set B
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClearLoop} disabled={!loop} data-testid="loop-clear">
          Clear loop
        </button>
        <label className="check-inline small">
          <input type="checkbox" checked={ladderOn} onChange={(e) => onLadderToggle(e.target.checked)} data-testid="ladder-toggle" /> Tempo ladder
        </label>
        {ladderOn ? (
          <>
            <label className="small ladder-field">
              from
              <input className="input ladder-input" type="number" min={50} max={100} step={5} value={ladderStart} onChange={(e) => onLadderStart(Number(e.target.value))} />%
            </label>
            <label className="small ladder-field">
              +
              <input className="input ladder-input" type="number" min={1} max={25} step={1} value={ladderStep} data-testid="ladder-step" onChange={(e) => onLadderStep(Number(e.target.value))} />% a pass
            </label>
          </>
        ) : null}
      </div>
    </div>
  );
}
