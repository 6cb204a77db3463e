"use client";

import { useEffect, useImperativeHandle, useRef, useState, type CSSProperties, type Ref } from "react";
import { formatClock, spokenClock } from "@/lib/format-time";

export type PlayerHandle = {
  /** Jumps to `seconds` and, if asked, starts playing from there. */
  seek(seconds: number, play?: boolean): void;
  currentTime(): number;
};

export type PlayerMarker = { id: string; atSeconds: number; label: string };

type Props = {
  ref?: Ref<PlayerHandle>;
  src: string;
  title: string;
  subtitle?: string;
  /** Duration from the file's metadata, shown until the browser knows better. */
  knownDuration: number | null;
  markers?: PlayerMarker[];
  onTimeChange?: (seconds: number) => void;
};

const SPEEDS = [0.5, 0.75, 1, 1.25] as const;
const SKIP_SECONDS = 10;

/**
 * A player for one take: a native <audio> element (the browser does the range
 * requests and buffering) behind custom, accessible controls. Remount it with a
 * `key` per take so every take starts from a clean element.
 */
export function AudioPlayer({ ref, src, title, subtitle, knownDuration, markers = [], onTimeChange }: Props) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(knownDuration);
  const [speed, setSpeed] = useState<number>(1);
  const [error, setError] = useState<string | null>(null);
  const onTimeChangeRef = useRef(onTimeChange);
  useEffect(() => {
    onTimeChangeRef.current = onTimeChange;
  }, [onTimeChange]);

  useImperativeHandle(
    ref,
    () => ({
      seek(seconds, play = false) {
        const audio = audioRef.current;
        if (!audio) return;
        audio.currentTime = Math.max(0, seconds);
        setTime(audio.currentTime);
        if (play) void audio.play().catch(() => undefined);
      },
      currentTime: () => audioRef.current?.currentTime ?? 0,
    }),
    [],
  );

  // While playing, follow the playhead every frame so the bar moves smoothly (timeupdate is ~4 Hz).
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const audio = audioRef.current;
      if (audio) {
        setTime(audio.currentTime);
        onTimeChangeRef.current?.(audio.currentTime);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const audio = () => audioRef.current;
  const effectiveDuration = duration ?? 0;
  const percent = effectiveDuration > 0 ? Math.min(100, (time / effectiveDuration) * 100) : 0;

  function togglePlay() {
    const a = audio();
    if (!a) return;
    if (a.paused) void a.play().catch(() => setError("This take could not be played. Try again, or download it."));
    else a.pause();
  }

  function seekTo(seconds: number) {
    const a = audio();
    if (!a) return;
    const clamped = Math.max(0, Math.min(seconds, effectiveDuration || seconds));
    a.currentTime = clamped;
    setTime(clamped);
    onTimeChange?.(clamped);
  }

  return (
    <div className="player" data-testid="player" aria-label={`Player: ${title}`} role="region">
      <audio
        ref={audioRef}
        src={src}
        preload="metadata"
        data-testid="player-audio"
        onLoadedMetadata={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setDuration(d);
          e.currentTarget.playbackRate = speed;
        }}
        onDurationChange={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setDuration(d);
        }}
        onPlay={() => {
          setPlaying(true);
          setError(null);
        }}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onWaiting={() => setWaiting(true)}
        onPlaying={() => setWaiting(false)}
        onCanPlay={() => setWaiting(false)}
        onSeeked={(e) => {
          setTime(e.currentTarget.currentTime);
          onTimeChange?.(e.currentTarget.currentTime);
        }}
        onTimeUpdate={(e) => {
          if (!playing) {
            setTime(e.currentTarget.currentTime);
            onTimeChange?.(e.currentTarget.currentTime);
          }
        }}
        onError={() => setError("This take could not be loaded. It may have been deleted, or your connection dropped.")}
      />
      <div className="player-head">
        <button
          type="button"
          className={`player-play${playing ? " is-playing" : ""}`}
          onClick={togglePlay}
          aria-label={playing ? `Pause ${title}` : `Play ${title}`}
          data-testid="player-toggle"
        >
          {waiting && playing ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>}
        </button>
        <div className="grow player-titles">
          <div className="player-title truncate">{title}</div>
          {subtitle ? <div className="small muted truncate">{subtitle}</div> : null}
        </div>
      </div>

      <div className="player-track" style={{ "--pct": `${percent}%` } as CSSProperties}>
        <input
          type="range"
          className="player-seek"
          min={0}
          max={effectiveDuration || 0}
          step={0.1}
          value={Math.min(time, effectiveDuration || 0)}
          disabled={!effectiveDuration}
          onChange={(e) => seekTo(Number(e.target.value))}
          aria-label="Seek"
          aria-valuetext={`${spokenClock(time)} of ${spokenClock(duration)}`}
          data-testid="player-seek"
        />
        {effectiveDuration > 0
          ? markers
              .filter((m) => m.atSeconds <= effectiveDuration)
              .map((m) => (
                <span
                  key={m.id}
                  className="player-marker"
                  style={{ left: `${(m.atSeconds / effectiveDuration) * 100}%` }}
                  title={`${formatClock(m.atSeconds)} ${m.label}`}
                  aria-hidden="true"
                />
              ))
          : null}
      </div>

      <div className="player-controls">
        <span className="player-time mono" aria-live="off">
          <span data-testid="player-current">{formatClock(time)}</span>
          <span className="faint"> / </span>
          <span data-testid="player-duration">{formatClock(duration)}</span>
        </span>
        <div className="row" style={{ gap: 6 }}>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekTo(time - SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds back`}>
            <span aria-hidden="true">↺</span> {SKIP_SECONDS}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekTo(time + SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds forward`}>
            {SKIP_SECONDS} <span aria-hidden="true">↻</span>
          </button>
          <label className="visually-hidden" htmlFor="player-speed">
            Playback speed
          </label>
          <select
            id="player-speed"
            className="select player-speed"
            value={speed}
            onChange={(e) => {
              const next = Number(e.target.value);
              setSpeed(next);
              if (audioRef.current) audioRef.current.playbackRate = next;
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <p className="field-error" role="alert" style={{ margin: "8px 0 0" }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
