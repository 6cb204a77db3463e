"use client";

import { useRef, useState, type RefObject } from "react";
import { Icon } from "@/components/icon";
import { formatClock } from "@/lib/format-time";
import { useWholeSeconds, type PlaybackClock } from "@/features/player/playback-clock";
import { SeekBar } from "@/features/player/ui/player-controls";
import { useFullPlayerOutOfSight, useReservedBottom } from "@/features/player/ui/use-compact-player";

type Props = {
  title: string;
  playing: boolean;
  waiting: boolean;
  onToggle: () => void;
  clock: PlaybackClock;
  duration: number;
  seek: (seconds: number) => void;
  /** The full player's head (its play button): the bar shows while it is out of sight. */
  fullPlayer: RefObject<HTMLElement | null>;
};

/**
 * On a phone the full player scrolls away with the page; this bar stays at
 * the bottom of the window meanwhile: play/pause, the time, a thin seek bar,
 * the take's name, and a way back to the full player.
 */
export function CompactPlayer({ title, playing, waiting, onToggle, clock, duration, seek, fullPlayer }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const shown = useFullPlayerOutOfSight(fullPlayer);
  // Reserved from the first time it shows until the player goes.
  // (State adjusted while rendering, React's pattern for state derived from changing data.)
  const [reserved, setReserved] = useState(false);
  if (shown && !reserved) setReserved(true);
  useReservedBottom(bar, reserved);
  const seconds = useWholeSeconds(clock);

  const expand = () => {
    const head = fullPlayer.current;
    if (!head) return;
    head.scrollIntoView({ block: "center" });
    head.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
  };

  return (
    <div ref={bar} className="mini-player" role="region" aria-label="Now playing" hidden={!shown} data-testid="mini-player">
      <button type="button" className={`player-play mini-play${playing ? " is-playing" : ""}`} onClick={onToggle} aria-label={playing ? `Pause ${title}` : `Play ${title}`} data-testid="mini-player-toggle">
        {waiting && playing ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>}
      </button>
      <div className="mini-main">
        <div className="mini-line">
          <span className="mini-title truncate" title={title}>
            {title}
          </span>
          <span className="mini-time mono small" data-testid="mini-player-time">
            {formatClock(seconds)}
            <span className="faint"> / {formatClock(duration || null)}</span>
          </span>
        </div>
        <SeekBar seek={seek} clock={clock} duration={duration} label={`Seek in ${title}`} testId="mini-player-seek" thin />
      </div>
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={expand} aria-label="Show the full player" title="Show the full player" data-testid="mini-player-expand">
        <Icon name="chevronUp" size={20} />
      </button>
    </div>
  );
}
