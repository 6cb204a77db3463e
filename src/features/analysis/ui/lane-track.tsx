"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { LaneView } from "@/features/player/lane-view";
import type { PlaybackClock } from "@/features/player/playback-clock";

/**
 * A strip laid along the waveform's time axis: as wide as the waveform's
 * drawing and scrolled with it (moved directly, never re-rendered per frame).
 * Children place themselves in percent of the take's length.
 */
export function LaneTrack({ view, className, children, testId }: { view: LaneView; className?: string; children: ReactNode; testId?: string }) {
  const inner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const apply = () => {
      const el = inner.current;
      const now = view.get();
      if (!el || !now || now.width <= 0) return;
      el.style.width = `${now.width}px`;
      el.style.transform = `translateX(${-now.scroll}px)`;
    };
    apply();
    return view.subscribe(apply);
  }, [view]);
  return (
    <div className={`lane-track${className ? ` ${className}` : ""}`} data-testid={testId}>
      <div ref={inner} className="lane-inner">
        {children}
      </div>
    </div>
  );
}

/** A line at the playhead, moved directly as the take plays. */
export function LanePlayhead({ clock, duration }: { clock: PlaybackClock; duration: number }) {
  const line = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const apply = () => {
      if (line.current && duration > 0) line.current.style.left = `${Math.min(100, (clock.get() / duration) * 100)}%`;
    };
    apply();
    return clock.subscribe(apply);
  }, [clock, duration]);
  return <div ref={line} className="lane-playhead" aria-hidden="true" />;
}

/** The width the lane is drawn at: the waveform's drawing when known, else the lane's own box. */
export function useLaneWidth(view: LaneView): [number, (el: HTMLElement | null) => void] {
  const drawn = useSyncExternalStore(view.subscribe, () => view.get()?.width ?? 0, () => 0);
  const [box, setBox] = useState<HTMLElement | null>(null);
  const [own, setOwn] = useState(0);
  useEffect(() => {
    if (!box) return;
    const observer = new ResizeObserver(() => setOwn(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, [box]);
  return [drawn || own, setBox];
}
