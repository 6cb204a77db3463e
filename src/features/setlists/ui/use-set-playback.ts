"use client";

import { useEffect, useReducer, useRef } from "react";
import { initialSetPlayState, nextSetPlayState, playRefusal, type SetPlayEvent } from "@/features/setlists/set-play.machine";

export type SetQueueItem = { songId: string; title: string; versionId: string; position: number };

export const streamUrl = (versionId: string) => `/api/versions/${versionId}/stream`;

/**
 * The set's playback engine: one audio element driven by the set's state
 * machine. The element is told which load it is on (`data-load`), and every
 * report it makes carries that number, so a late event from the take before
 * is ignored by the machine. A new take's source is set in an effect after
 * the render that chose it (never racing React's commit, never waiting for an
 * animation frame, which a hidden page does not get), and `play()` is asked
 * for once the element says it can play, its refusal handled.
 */
export function useSetPlayback(queue: readonly SetQueueItem[]) {
  const audio = useRef<HTMLAudioElement>(null);
  const [state, dispatch] = useReducer(nextSetPlayState, initialSetPlayState);
  const count = queue.length;
  const current = state.index !== null && count > 0 ? queue[Math.min(state.index, count - 1)] : undefined;
  const next = state.index !== null ? queue[state.index + 1] : undefined;
  const currentId = current?.versionId;

  // A new load: its source, set even when it is the same take (From the top on a one-take set), which restarts loading.
  useEffect(() => {
    const element = audio.current;
    if (!element || state.status !== "loading" || !currentId || element.dataset.load === String(state.load)) return;
    element.dataset.load = String(state.load);
    element.src = streamUrl(currentId);
  }, [state.status, state.load, currentId]);

  // It can play: start it, and say why when the browser will not.
  useEffect(() => {
    const element = audio.current;
    if (!element || state.status !== "starting") return;
    const load = state.load;
    element.play().catch((error: unknown) => dispatch({ type: "playRefused", load, why: playRefusal((error as { name?: string } | null)?.name) }));
  }, [state.status, state.load]);

  /** A report from the element, about the load it is on. */
  const report = (type: Exclude<SetPlayEvent["type"], "choose" | "ended" | "playRefused">) => (event: { currentTarget: HTMLAudioElement }) => {
    const load = Number(event.currentTarget.dataset.load);
    if (Number.isFinite(load)) dispatch({ type, load });
  };

  return {
    audio,
    state,
    current,
    next,
    choose: (index: number) => dispatch({ type: "choose", index, count }),
    elementEvents: {
      onCanPlay: report("canPlay"),
      onPlaying: report("playing"),
      onPause: report("paused"),
      onError: report("loadFailed"),
      onEnded: (event: { currentTarget: HTMLAudioElement }) => {
        const load = Number(event.currentTarget.dataset.load);
        if (Number.isFinite(load)) dispatch({ type: "ended", load, count });
      },
    },
  };
}
