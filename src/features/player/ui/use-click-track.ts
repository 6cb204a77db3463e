"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { BeatGrid } from "@/features/player/bars";
import { countIn, IDLE, scheduleStep, type Click, type SchedulerState } from "@/features/player/click-schedule";
import type { Loop } from "@/features/player/ui/use-player-engine";

/** How often the scheduler looks ahead (it schedules 200 ms ahead, so a late step is harmless). */
const STEP_MS = 25;
const CLICK_SECONDS = 0.035;
/** A downbeat is higher than the other beats. */
const ACCENT_HZ = 1760;
const BEAT_HZ = 1175;
/** Time to set up the count-in's first click. */
const COUNT_IN_DELAY = 0.08;

type Scheduled = { node: OscillatorNode; at: number };

export type CountInGate = (loop: Loop, play: () => void) => boolean;

type Options = {
  audio: HTMLAudioElement | null;
  grid: BeatGrid | null;
  /** Clicks on the take's beats while it plays. */
  on: boolean;
  /** 0..1, the click's own level under the take. */
  volume: number;
  muted: boolean;
  loop: Loop | null;
  /** Count one bar in before a loop starts playing. */
  countInOn: boolean;
  /** Set to the count-in while it applies: the engine asks it before it plays. */
  gateRef: RefObject<CountInGate | null>;
};

/**
 * A click track that follows the take's own beats: short oscillator clicks
 * scheduled on the AudioContext's clock a little ahead of the playhead
 * (click-schedule.ts does the timing), mixed under the take at their own
 * volume; and a one-bar count-in before a loop starts playing.
 */
export function useClickTrack({ audio, grid, on, volume, muted, loop, countInOn, gateRef }: Options) {
  const context = useRef<AudioContext | null>(null);
  const master = useRef<GainNode | null>(null);
  const scheduled = useRef<Scheduled[]>([]);
  const state = useRef<SchedulerState>(IDLE);
  const counting = useRef<number | null>(null);
  const [countingIn, setCountingIn] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const live = useRef({ loop, level: muted ? 0 : volume });
  useEffect(() => {
    live.current = { loop, level: muted ? 0 : volume };
  }, [loop, volume, muted]);

  /** The audio clock, made on first use (from a tap or key press, so the browser lets it sound). */
  const ensureContext = useCallback((): AudioContext | null => {
    if (!context.current) {
      const Ctor = typeof window !== "undefined" ? window.AudioContext : undefined;
      if (!Ctor) {
        setUnavailable(true);
        return null;
      }
      const ctx = new Ctor({ latencyHint: "interactive" });
      const gain = ctx.createGain();
      gain.gain.value = live.current.level;
      gain.connect(ctx.destination);
      context.current = ctx;
      master.current = gain;
    }
    if (context.current.state === "suspended") void context.current.resume().catch(() => undefined);
    return context.current;
  }, []);

  useEffect(() => {
    const gain = master.current;
    if (gain && context.current) gain.gain.setTargetAtTime(muted ? 0 : volume, context.current.currentTime, 0.01);
  }, [volume, muted]);

  const sound = useCallback((click: Click) => {
    const ctx = context.current;
    const out = master.current;
    if (!ctx || !out) return;
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.frequency.value = click.accent ? ACCENT_HZ : BEAT_HZ;
    const at = Math.max(click.at, ctx.currentTime);
    env.gain.setValueAtTime(0, at);
    env.gain.linearRampToValueAtTime(click.accent ? 1 : 0.6, at + 0.002);
    env.gain.exponentialRampToValueAtTime(0.001, at + CLICK_SECONDS);
    osc.connect(env);
    env.connect(out);
    osc.start(click.at);
    osc.stop(at + CLICK_SECONDS + 0.01);
    const entry = { node: osc, at: click.at };
    scheduled.current.push(entry);
    osc.onended = () => {
      env.disconnect();
      scheduled.current = scheduled.current.filter((s) => s !== entry);
    };
  }, []);

  /** Silences the clicks still to come (placed for a position or speed that no longer holds). */
  const cancelAhead = useCallback(() => {
    const now = context.current?.currentTime ?? 0;
    for (const s of scheduled.current) if (s.at > now) s.node.stop();
  }, []);

  // The scheduler: every few ms while the take plays, and at once on a seek, a speed change or a pause.
  useEffect(() => {
    // The context is made by the tap that turned the click on (ensureContext).
    if (!on || !audio || !grid || !context.current) return;
    const step = () => {
      const ctx = context.current;
      if (!ctx) return;
      const playing = !audio.paused && !audio.seeking && audio.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA && ctx.state === "running";
      const result = scheduleStep(state.current, { media: audio.currentTime, context: ctx.currentTime, rate: audio.playbackRate, playing }, grid, { loopEnd: live.current.loop?.end ?? null });
      state.current = result.state;
      if (result.cancel) cancelAhead();
      result.clicks.forEach(sound);
    };
    const restart = () => {
      state.current = IDLE;
      cancelAhead();
      step();
    };
    const timer = window.setInterval(step, STEP_MS);
    const restarts = ["seeked", "ratechange", "pause"] as const;
    const starts = ["play", "playing"] as const;
    restarts.forEach((name) => audio.addEventListener(name, restart));
    starts.forEach((name) => audio.addEventListener(name, step));
    step();
    return () => {
      window.clearInterval(timer);
      restarts.forEach((name) => audio.removeEventListener(name, restart));
      starts.forEach((name) => audio.removeEventListener(name, step));
      state.current = IDLE;
      cancelAhead();
    };
  }, [on, audio, grid, cancelAhead, sound]);

  const stopCountIn = useCallback(() => {
    if (counting.current != null) window.clearTimeout(counting.current);
    counting.current = null;
    setCountingIn(false);
    cancelAhead();
  }, [cancelAhead]);

  // The count-in, offered to the engine while it applies: a second press during it stops it.
  useEffect(() => {
    if (!countInOn || !grid || !audio) {
      gateRef.current = null;
      return;
    }
    gateRef.current = (l, play) => {
      if (counting.current != null) {
        stopCountIn();
        return true;
      }
      const ctx = ensureContext();
      const plan = ctx ? countIn(grid, l.start, ctx.currentTime + COUNT_IN_DELAY, audio.playbackRate) : null;
      if (!ctx || !plan) return false;
      audio.currentTime = l.start;
      plan.clicks.forEach(sound);
      setCountingIn(true);
      counting.current = window.setTimeout(
        () => {
          counting.current = null;
          setCountingIn(false);
          play();
        },
        Math.max(0, (plan.playAt - ctx.currentTime) * 1000),
      );
      return true;
    };
    return () => {
      gateRef.current = null;
    };
  }, [countInOn, grid, audio, gateRef, ensureContext, sound, stopCountIn]);

  useEffect(
    () => () => {
      if (counting.current != null) window.clearTimeout(counting.current);
      void context.current?.close().catch(() => undefined);
      context.current = null;
    },
    [],
  );

  return { countingIn, unavailable, ensureContext };
}
