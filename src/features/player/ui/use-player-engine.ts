"use client";

/**
 * The player's engine: the take's <audio> element and everything that drives
 * it (play/pause, playhead, duration, speed, A-B loop and tempo ladder, zoom,
 * errors, the remembered place, the lock screen and the imperative handle).
 * It returns a plain object that the player's view renders from.
 */

import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref, type SyntheticEvent } from "react";
import { createPlaybackClock, type PlaybackClock } from "@/features/player/playback-clock";
import { clampRate, DEFAULT_LADDER, ladderRate, speedAfterLadder } from "@/features/player/tempo-ladder";
import { outputVolume } from "@/features/player/volume";
import { useListenerVolume } from "@/features/player/ui/use-listener-volume";
import { readPlace, writePlace } from "@/features/player/resume-position";
import { loadWaveSurfer, type WaveformOverlay } from "@/features/player/ui/waveform";
import { usePeaks } from "@/features/player/ui/use-peaks";
import { barsCovering, barStart, snapLoop, type BeatGrid, type SnapMode } from "@/features/player/bars";
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
  /** Loops the whole bars start..end covers and plays them; false (and nothing done) when the take has no bars. */
  loopPassageByBars(start: number, end: number): boolean;
  /** Sets the loop's start (A) or end (B) at the playhead. */
  setLoopPoint(which: "start" | "end"): void;
  clearLoop(): void;
  /** Changes the speed by `delta` (0.5x-2x, pitch kept). */
  nudgeSpeed(delta: number): void;
  /** The A-B loop, if one is set. */
  loop(): { start: number; end: number | null } | null;
  /** Moves the keyboard to the "go to bar" field (when the take has bars). */
  focusGoToBar(): void;
};

export type PlayerMarker = { id: string; atSeconds: number; endSeconds?: number | null; label: string; resolved?: boolean; kind?: "comment" | "marker" };

export type PlayerEngineOptions = {
  ref?: Ref<PlayerHandle>;
  title: string;
  songTitle: string;
  bandName: string;
  versionId: string;
  userId: string;
  knownDuration: number | null;
  peaksUrl: string | null;
  markers?: PlayerMarker[];
  onMarkerActivate?: (id: string) => void;
  onRangeSelect?: (start: number, end: number) => void;
  start?: { seconds: number; loopEnd?: number | null; play?: boolean } | null;
  /** 0..1, the loudness match (the louder take of a pair turned down); the listener's own volume multiplies it. */
  volume?: number;
  clock?: PlaybackClock;
  onPlay?: () => void;
  /** The take's beats and bars (from its analysis), or null: then loops stay as drawn. */
  grid?: BeatGrid | null;
  /** How a dragged loop snaps to the grid. */
  snap?: SnapMode;
  /** Asked before playing: may count a loop in first, then play itself (true). */
  countInGate?: { current: ((loop: Loop, play: () => void) => boolean) | null };
};

const ZOOMS = [0, 25, 60, 150, 300] as const;
const SAVE_PLACE_EVERY_MS = 5000;

export type Loop = { start: number; end: number | null };

type AudioEvent = SyntheticEvent<HTMLAudioElement>;

export function usePlayerEngine(options: PlayerEngineOptions) {
  const { ref, title, songTitle, bandName, versionId, userId, knownDuration, peaksUrl, markers = [], onMarkerActivate, onRangeSelect, start, volume: match = 1, onPlay, grid = null, snap = "off", countInGate } = options;
  // State for what renders with the element (waveform, lock screen); the ref for what drives it.
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const attach = useCallback((el: HTMLAudioElement | null) => {
    audioRef.current = el;
    setAudio(el);
  }, []);
  const ownClock = useMemo(() => createPlaybackClock(), []);
  const clock = options.clock ?? ownClock;
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

  const listener = useListenerVolume();
  useEffect(() => {
    if (audioRef.current) audioRef.current.volume = outputVolume(listener.adjustable ? listener.volume : 1, match);
  }, [audio, match, listener.volume, listener.adjustable]);
  useEffect(() => {
    if (audioRef.current) audioRef.current.muted = listener.muted;
  }, [audio, listener.muted]);
  // The speed to go back to when the tempo ladder is turned off.
  const speedBeforeLadder = useRef<number | null>(null);

  // The starting place: as asked, else where this member left off. A place asked for
  // (a link, the same moment of another take) counts as sought; the remembered one does not.
  const startedAt = useRef(false);
  const restoring = useRef(false);
  useEffect(() => {
    const el = audioRef.current;
    if (!audio || !el || startedAt.current) return;
    startedAt.current = true;
    const at = start?.seconds ?? readPlace(window.localStorage, userId, versionId, knownDuration);
    if (start) clock.markHeard();
    if (at != null && at > 0) {
      restoring.current = !start;
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
      clock.markHeard();
    },
    [clock, effectiveDuration],
  );
  const seekBy = useCallback((delta: number) => seekTo((audioRef.current?.currentTime ?? 0) + delta), [seekTo]);

  const play = useCallback(() => {
    const playNow = () => void audioRef.current?.play().catch(() => setError("This take could not be played. Try again, or download it."));
    const l = live.current.loop;
    if (l?.end != null && countInGate?.current?.(l, playNow)) return;
    playNow();
  }, [countInGate]);

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
      loopPassageByBars(from, to) {
        const bars = grid && to > from ? barsCovering(grid, from, to, effectiveDuration || Infinity) : null;
        if (!bars) return false;
        startLoop(bars.start, bars.end);
        seekTo(bars.start);
        play();
        return true;
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
      focusGoToBar: () => document.getElementById(goToBarId(versionId))?.focus(),
      nudgeSpeed: (delta) => applyRate(Math.round(((audioRef.current?.playbackRate ?? 1) + delta) * 100) / 100),
    }),
    [seekTo, seekBy, play, startLoop, applyRate, versionId, grid, effectiveDuration],
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

  // A dragged loop snaps to the take's bars or beats, unless Alt/Option was held or snapping is off.
  const onRange = useCallback(
    (dragFrom: number, dragTo: number, free = false) => {
      const { start: from, end: to } = grid && !free ? snapLoop(grid, dragFrom, dragTo, snap, effectiveDuration || Infinity) : { start: dragFrom, end: dragTo };
      if (onRangeSelect) onRangeSelect(from, to);
      else {
        startLoop(from, to);
        seekTo(from);
      }
    },
    [onRangeSelect, startLoop, seekTo, grid, snap, effectiveDuration],
  );

  const zoom = ZOOMS[zoomIndex] ?? 0;

  // The element's own events: what it reports about playing, buffering and its length.
  const audioEvents = {
    onLoadedMetadata: (e: AudioEvent) => {
      const d = e.currentTarget.duration;
      if (Number.isFinite(d) && d > 0) setDuration(d);
      e.currentTarget.preservesPitch = true;
      e.currentTarget.playbackRate = speed;
    },
    onDurationChange: (e: AudioEvent) => {
      const d = e.currentTarget.duration;
      if (Number.isFinite(d) && d > 0) setDuration(d);
    },
    onPlay: () => {
      clock.markHeard();
      setPlaying(true);
      setError(null);
      live.current.onPlay?.();
    },
    onPause: () => {
      setPlaying(false);
      savePlace();
    },
    onEnded: () => setPlaying(false),
    onWaiting: () => setWaiting(true),
    onPlaying: () => setWaiting(false),
    onCanPlay: () => setWaiting(false),
    onSeeked: (e: AudioEvent) => {
      clock.set(e.currentTarget.currentTime);
      // The waveform seeks the element itself: any seek but the restored place counts.
      if (restoring.current) restoring.current = false;
      else clock.markHeard();
    },
    onTimeUpdate: (e: AudioEvent) => {
      if (e.currentTarget.paused) clock.set(e.currentTarget.currentTime);
    },
    onError: () => setError("This take could not be loaded. It may have been deleted, or your connection dropped."),
  };

  return {
    attach,
    audio,
    audioEvents,
    clock,
    playing,
    waiting,
    error,
    duration,
    effectiveDuration,
    speed,
    loop,
    ladderOn,
    ladderStart,
    ladderStep,
    peaks,
    zoom,
    canZoomOut: zoomIndex !== 0,
    canZoomIn: zoomIndex !== ZOOMS.length - 1,
    overlays,
    onOverlay,
    onRange,
    seekTo,
    seekBy,
    applyRate,
    togglePlay: () => (audioRef.current?.paused ? play() : audioRef.current?.pause()),
    volume: listener.volume,
    muted: listener.muted,
    volumeAdjustable: listener.adjustable,
    setVolume: listener.setVolume,
    toggleMute: listener.toggleMute,
    zoomOut: () => setZoomIndex((z) => Math.max(0, z - 1)),
    zoomIn: () => setZoomIndex((z) => Math.min(ZOOMS.length - 1, z + 1)),
    setLoopStart: () => {
      const now = audioRef.current?.currentTime ?? 0;
      startLoop(now, loop?.end != null && loop.end > now ? loop.end : null);
    },
    setLoopEnd: () => {
      const now = audioRef.current?.currentTime ?? 0;
      if (loop && now > loop.start) startLoop(loop.start, now);
    },
    clearLoop: () => setLoop(null),
    /** Widens the loop to the whole bars it covers (a comment's passage "by bars"). */
    loopWholeBars: () => {
      if (!grid || loop?.end == null) return;
      const bars = barsCovering(grid, loop.start, loop.end, effectiveDuration || Infinity);
      if (bars) startLoop(bars.start, bars.end);
    },
    /** Moves the playhead to the start of bar `n`; false when the take has no such bar. */
    goToBar: (n: number) => {
      const at = grid ? barStart(grid, n) : null;
      if (at == null) return false;
      seekTo(at);
      return true;
    },
    toggleLadder: (on: boolean) => {
      setLadderOn(on);
      live.current.ladderOn = on;
      if (on) speedBeforeLadder.current = speed;
      else {
        applyRate(speedAfterLadder(speedBeforeLadder.current));
        speedBeforeLadder.current = null;
      }
      // Turned on over a loop already set: the climb starts now, from its first rung.
      if (on && loop?.end != null) {
        live.current.pass = 0;
        applyRate(ladderRate(0, { startRate: ladderStart / 100, stepRate: ladderStep / 100, endRate: 1 }));
      }
    },
    changeLadderStart: (value: number) => setLadderStart(Math.max(50, Math.min(100, value || 70))),
    changeLadderStep: (value: number) => setLadderStep(Math.max(1, Math.min(25, value || 5))),
  };
}

export type PlayerEngine = ReturnType<typeof usePlayerEngine>;

/** The "go to bar" field's id, for the shortcut that focuses it. */
export function goToBarId(versionId: string): string {
  return `go-to-bar-${versionId}`;
}
