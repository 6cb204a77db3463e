"use client";

import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { formatClock, spokenClock } from "@/lib/format-time";
import { createPlaybackClock, useWholeSeconds, type PlaybackClock } from "@/features/player/playback-clock";
import { clampRate, DEFAULT_LADDER, ladderRate, MAX_RATE, MIN_RATE } from "@/features/player/tempo-ladder";
import { ARROW_SECONDS } from "@/features/player/keymap";
import { readPlace, writePlace } from "@/features/player/resume-position";
import { loadWaveSurfer, Waveform, type WaveformOverlay } from "@/features/player/ui/waveform";
import { usePeaks } from "@/features/player/ui/use-peaks";
import { useMediaSession } from "@/features/player/ui/use-media-session";

export type PlayerHandle = {
  /** Jumps to `seconds` and, if asked, starts playing from there. */
  seek(seconds: number, play?: boolean): void;
  /** Moves the playhead by `seconds` (negative: back). */
  skip(seconds: number): void;
  currentTime(): number;
  isPlaying(): boolean;
  toggle(): void;
  pause(): void;
  /** Loops start..end from its start and plays it (a comment's passage, a deep link). */
  loopPassage(start: number, end: number): void;
  /** Sets the loop's start (A) or end (B) at the playhead. */
  setLoopPoint(which: "start" | "end"): void;
  clearLoop(): void;
  /** Changes the speed by `delta` (0.5x-2x, pitch kept). */
  nudgeSpeed(delta: number): void;
  /** The A-B loop, if one is set. */
  loop(): { start: number; end: number | null } | null;
};

export type PlayerMarker = { id: string; atSeconds: number; endSeconds?: number | null; label: string; resolved?: boolean; kind?: "comment" | "marker" };

type Props = {
  ref?: Ref<PlayerHandle>;
  src: string;
  title: string;
  subtitle?: string;
  /** For the lock screen: the song and the band. */
  songTitle: string;
  bandName: string;
  versionId: string;
  /** Whose place in the take is remembered. */
  userId: string;
  /** Duration from the file's metadata, shown until the browser knows better. */
  knownDuration: number | null;
  /** The take's waveform data, or null while it is processed. */
  peaksUrl: string | null;
  /** Comments and markers to show on the waveform. */
  markers?: PlayerMarker[];
  onMarkerActivate?: (id: string) => void;
  /** A drag across the waveform; without it the drag sets the A-B loop. */
  onRangeSelect?: (start: number, end: number) => void;
  /** Where to open: a deep link or the same moment of the previous take; otherwise the remembered place. */
  start?: { seconds: number; loopEnd?: number | null; play?: boolean } | null;
  /** 0..1 (loudness matching); the quieter take of a pair stays at 1. */
  volume?: number;
  /** Shared with the page's small time displays. */
  clock?: PlaybackClock;
  onPlay?: () => void;
  /** The page's CSP nonce: the waveform draws inside a shadow root with its own <style>. */
  cspNonce?: string;
};

const SPEEDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
const SKIP_SECONDS = 10;
const ZOOMS = [0, 25, 60, 150, 300] as const;
const SAVE_PLACE_EVERY_MS = 5000;

type Loop = { start: number; end: number | null };

/**
 * A player for one take: the page's one <audio> element (range requests and
 * buffering by the browser, so it keeps playing on a locked phone), its
 * waveform, practice tools, and the lock-screen controls. Remount it with a
 * `key` per take so every take starts from a clean element.
 */
export function AudioPlayer(props: Props) {
  const { ref, src, title, subtitle, songTitle, bandName, versionId, userId, knownDuration, peaksUrl, markers = [], onMarkerActivate, onRangeSelect, start, volume = 1, onPlay, cspNonce } = props;
  // State for what renders with the element (waveform, lock screen); the ref for what drives it.
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const attach = useCallback((el: HTMLAudioElement | null) => {
    audioRef.current = el;
    setAudio(el);
  }, []);
  const ownClock = useMemo(() => createPlaybackClock(), []);
  const clock = props.clock ?? ownClock;
  const [playing, setPlaying] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [duration, setDuration] = useState<number | null>(knownDuration);
  const [speed, setSpeed] = useState<number>(1);
  const [loop, setLoop] = useState<Loop | null>(start?.loopEnd != null ? { start: start.seconds, end: start.loopEnd } : null);
  const [ladderOn, setLadderOn] = useState(false);
  const [ladderStart, setLadderStart] = useState(Math.round(DEFAULT_LADDER.startRate * 100));
  const [ladderStep, setLadderStep] = useState(Math.round(DEFAULT_LADDER.stepRate * 100));
  const [zoomIndex, setZoomIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The waveform's library is asked for when the player is on screen, before
  // its peaks (the effect below runs first): both are fetched side by side.
  useEffect(() => {
    if (peaksUrl) loadWaveSurfer().catch(() => undefined);
  }, [peaksUrl]);
  const peaks = usePeaks(peaksUrl);

  // What the frame loop reads without re-subscribing.
  const live = useRef({ loop, ladderOn, ladderStart, ladderStep, pass: 0, onPlay });
  useEffect(() => {
    live.current = { ...live.current, loop, ladderOn, ladderStart, ladderStep, onPlay };
  }, [loop, ladderOn, ladderStart, ladderStep, onPlay]);

  const applyRate = useCallback(
    (rate: number) => {
      const next = clampRate(rate);
      setSpeed(next);
      const el = audioRef.current;
      if (el) {
        el.preservesPitch = true;
        el.playbackRate = next;
      }
    },
    [],
  );

  useEffect(() => {
    if (audioRef.current) audioRef.current.volume = Math.max(0, Math.min(1, volume));
  }, [audio, volume]);

  // The starting place: as asked, else where this member left off.
  const startedAt = useRef(false);
  useEffect(() => {
    const el = audioRef.current;
    if (!audio || !el || startedAt.current) return;
    startedAt.current = true;
    const at = start?.seconds ?? readPlace(window.localStorage, userId, versionId, knownDuration);
    if (at != null && at > 0) {
      el.currentTime = at;
      clock.set(at);
    }
    if (start?.play) void el.play().catch(() => undefined);
  }, [audio, start, userId, versionId, knownDuration, clock]);

  const savePlace = useCallback(() => {
    if (audio) writePlace(window.localStorage, userId, versionId, audio.currentTime);
  }, [audio, userId, versionId]);

  useEffect(() => {
    window.addEventListener("pagehide", savePlace);
    return () => {
      window.removeEventListener("pagehide", savePlace);
      savePlace();
    };
  }, [savePlace]);

  // While playing: publish the playhead every frame, keep the loop, climb the tempo ladder.
  useEffect(() => {
    const el = audioRef.current;
    if (!playing || !el) return;
    let frame = 0;
    let lastSave = performance.now();
    const tick = () => {
      const now = el.currentTime;
      const { loop: l, ladderOn: ladder } = live.current;
      if (l && l.end != null && now >= l.end) {
        el.currentTime = l.start;
        live.current.pass += 1;
        if (ladder) applyRate(ladderRate(live.current.pass, { startRate: live.current.ladderStart / 100, stepRate: live.current.ladderStep / 100, endRate: 1 }));
      }
      clock.set(el.currentTime);
      if (performance.now() - lastSave > SAVE_PLACE_EVERY_MS) {
        lastSave = performance.now();
        savePlace();
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, clock, applyRate, savePlace]);

  const effectiveDuration = duration ?? 0;

  const seekTo = useCallback(
    (seconds: number) => {
      const el = audioRef.current;
      if (!el) return;
      const limit = Number.isFinite(el.duration) && el.duration > 0 ? el.duration : effectiveDuration || seconds;
      const clamped = Math.max(0, Math.min(seconds, limit));
      el.currentTime = clamped;
      clock.set(clamped);
    },
    [clock, effectiveDuration],
  );
  const seekBy = useCallback((delta: number) => seekTo((audioRef.current?.currentTime ?? 0) + delta), [seekTo]);

  const play = useCallback(() => {
    void audioRef.current?.play().catch(() => setError("This take could not be played. Try again, or download it."));
  }, []);

  const startLoop = useCallback(
    (from: number, to: number | null) => {
      live.current.pass = 0;
      setLoop({ start: from, end: to });
      if (to != null && live.current.ladderOn) applyRate(ladderRate(0, { startRate: live.current.ladderStart / 100, stepRate: live.current.ladderStep / 100, endRate: 1 }));
    },
    [applyRate],
  );

  useImperativeHandle(
    ref,
    () => ({
      seek(seconds, andPlay = false) {
        seekTo(seconds);
        if (andPlay) play();
      },
      skip: seekBy,
      currentTime: () => audioRef.current?.currentTime ?? 0,
      isPlaying: () => !!audioRef.current && !audioRef.current.paused,
      toggle() {
        const el = audioRef.current;
        if (!el) return;
        if (el.paused) play();
        else el.pause();
      },
      pause: () => audioRef.current?.pause(),
      loopPassage(from, to) {
        if (to <= from) return;
        startLoop(from, to);
        seekTo(from);
        play();
      },
      setLoopPoint(which) {
        const now = audioRef.current?.currentTime ?? 0;
        const current = live.current.loop;
        if (which === "start") startLoop(now, current?.end != null && current.end > now ? current.end : null);
        else if (current && now > current.start) startLoop(current.start, now);
        else startLoop(0, now > 0 ? now : null);
      },
      clearLoop: () => setLoop(null),
      loop: () => live.current.loop,
      nudgeSpeed: (delta) => applyRate(Math.round(((audioRef.current?.playbackRate ?? 1) + delta) * 100) / 100),
    }),
    [seekTo, seekBy, play, startLoop, applyRate],
  );

  useMediaSession(audio, { title, song: songTitle, band: bandName }, seekBy);

  const overlays = useMemo<WaveformOverlay[]>(() => {
    const list: WaveformOverlay[] = markers.map((m) => ({
      id: m.id,
      start: m.atSeconds,
      end: m.endSeconds ?? undefined,
      kind: m.kind ?? "comment",
      label: m.label,
      resolved: m.resolved,
    }));
    if (loop) list.push({ id: "loop", start: loop.start, end: loop.end ?? undefined, kind: "loop", label: loop.end != null ? "Loop" : "Loop start" });
    return list;
  }, [markers, loop]);

  const onOverlay = useCallback(
    (id: string) => {
      if (id === "loop") {
        if (loop) seekTo(loop.start);
        return;
      }
      const m = markers.find((x) => x.id === id);
      if (m) seekTo(m.atSeconds);
      onMarkerActivate?.(id);
    },
    [loop, markers, seekTo, onMarkerActivate],
  );

  const onRange = useCallback(
    (from: number, to: number) => {
      if (onRangeSelect) onRangeSelect(from, to);
      else {
        startLoop(from, to);
        seekTo(from);
      }
    },
    [onRangeSelect, startLoop, seekTo],
  );

  const zoom = ZOOMS[zoomIndex] ?? 0;
  const hasWaveform = peaks.state === "ready" && audio;

  return (
    <div className="player" data-testid="player" aria-label={`Player: ${title}`} role="region">
      <audio
        ref={attach}
        src={src}
        preload="metadata"
        data-testid="player-audio"
        onLoadedMetadata={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setDuration(d);
          e.currentTarget.preservesPitch = true;
          e.currentTarget.playbackRate = speed;
        }}
        onDurationChange={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setDuration(d);
        }}
        onPlay={() => {
          setPlaying(true);
          setError(null);
          live.current.onPlay?.();
        }}
        onPause={() => {
          setPlaying(false);
          savePlace();
        }}
        onEnded={() => setPlaying(false)}
        onWaiting={() => setWaiting(true)}
        onPlaying={() => setWaiting(false)}
        onCanPlay={() => setWaiting(false)}
        onSeeked={(e) => clock.set(e.currentTarget.currentTime)}
        onTimeUpdate={(e) => {
          if (e.currentTarget.paused) clock.set(e.currentTarget.currentTime);
        }}
        onError={() => setError("This take could not be loaded. It may have been deleted, or your connection dropped.")}
      />
      <div className="player-head">
        <button
          type="button"
          className={`player-play${playing ? " is-playing" : ""}`}
          onClick={() => (audioRef.current?.paused ? play() : audioRef.current?.pause())}
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

      {hasWaveform ? (
        <Waveform media={audio} cspNonce={cspNonce} peaks={peaks.peaks} zoom={zoom} overlays={overlays} onOverlayActivate={onOverlay} onRangeSelect={onRange} />
      ) : (
        <p className="small muted player-wave-note" data-testid="waveform-pending" role="status">
          {peaks.state === "loading" ? "Loading the waveform…" : peaks.state === "error" ? "The waveform could not be loaded; the take still plays." : "The waveform is on its way: the take plays already."}
        </p>
      )}

      <SeekBar seek={seekTo} clock={clock} duration={effectiveDuration} />

      <div className="player-controls">
        <TimeReadout clock={clock} duration={duration} />
        <div className="row player-buttons">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekBy(-SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds back`}>
            <span aria-hidden="true">↺</span> {SKIP_SECONDS}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => seekBy(SKIP_SECONDS)} aria-label={`${SKIP_SECONDS} seconds forward`}>
            {SKIP_SECONDS} <span aria-hidden="true">↻</span>
          </button>
          {hasWaveform ? (
            <>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setZoomIndex((z) => Math.max(0, z - 1))} disabled={zoomIndex === 0} aria-label="Zoom out" data-testid="zoom-out">
                <span aria-hidden="true">−</span>
              </button>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setZoomIndex((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={zoomIndex === ZOOMS.length - 1} aria-label="Zoom in" data-testid="zoom-in">
                <span aria-hidden="true">+</span>
              </button>
            </>
          ) : null}
          <label className="visually-hidden" htmlFor={`speed-${versionId}`}>
            Playback speed
          </label>
          <select id={`speed-${versionId}`} className="select player-speed" value={String(speed)} onChange={(e) => applyRate(Number(e.target.value))} data-testid="player-speed">
            {[...new Set<number>([...SPEEDS, speed])]
              .filter((s) => s >= MIN_RATE && s <= MAX_RATE)
              .sort((a, b) => a - b)
              .map((s) => (
                <option key={s} value={String(s)}>
                  {s}×
                </option>
              ))}
          </select>
        </div>
      </div>

      <div className="player-practice" role="group" aria-label="Practice">
        <span className="small muted" data-testid="loop-state">
          {loop ? (loop.end != null ? `Loop ${formatClock(loop.start)}–${formatClock(loop.end)}` : `Loop from ${formatClock(loop.start)}: press ] to end it`) : "No loop: drag across the waveform, or press [ and ]"}
        </span>
        <div className="row player-buttons">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => {
              const now = audioRef.current?.currentTime ?? 0;
              startLoop(now, loop?.end != null && loop.end > now ? loop.end : null);
            }}>
            Set A
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => {
              const now = audioRef.current?.currentTime ?? 0;
              if (loop && now > loop.start) startLoop(loop.start, now);
            }}
            disabled={!loop}
          >
            Set B
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setLoop(null)} disabled={!loop} data-testid="loop-clear">
            Clear loop
          </button>
          <label className="check-inline small">
            <input type="checkbox" checked={ladderOn} onChange={(e) => {
                const on = e.target.checked;
                setLadderOn(on);
                live.current.ladderOn = on;
                // Turned on over a loop already set: the climb starts now, from its first rung.
                if (on && loop?.end != null) {
                  live.current.pass = 0;
                  applyRate(ladderRate(0, { startRate: ladderStart / 100, stepRate: ladderStep / 100, endRate: 1 }));
                }
              }} data-testid="ladder-toggle" /> Tempo ladder
          </label>
          {ladderOn ? (
            <>
              <label className="small ladder-field">
                from
                <input className="input ladder-input" type="number" min={50} max={100} step={5} value={ladderStart} onChange={(e) => setLadderStart(Math.max(50, Math.min(100, Number(e.target.value) || 70)))} />%
              </label>
              <label className="small ladder-field">
                +
                <input className="input ladder-input" type="number" min={1} max={25} step={1} value={ladderStep} data-testid="ladder-step" onChange={(e) => setLadderStep(Math.max(1, Math.min(25, Number(e.target.value) || 5)))} />% a pass
              </label>
            </>
          ) : null}
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

/** The seek slider, moved by the clock without re-rendering (arrow keys step 5 s). */
function SeekBar({ seek, clock, duration }: { seek: (seconds: number) => void; clock: PlaybackClock; duration: number }) {
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
    <div className="player-track" ref={wrap}>
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
        aria-label="Seek"
        aria-valuetext={`${spokenClock(seconds)} of ${spokenClock(duration || null)}`}
        data-testid="player-seek"
      />
    </div>
  );
}

/** Current / total time, re-rendered once a second. */
function TimeReadout({ clock, duration }: { clock: PlaybackClock; duration: number | null }) {
  const seconds = useWholeSeconds(clock);
  return (
    <span className="player-time mono" aria-live="off">
      <span data-testid="player-current">{formatClock(seconds)}</span>
      <span className="faint"> / </span>
      <span data-testid="player-duration">{formatClock(duration)}</span>
    </span>
  );
}
