"use client";

import { useSyncExternalStore } from "react";
import type { PlaybackClock } from "@/features/player/playback-clock";
import type { LaneView } from "@/features/player/lane-view";
import type { ChordSpan } from "../analysis.schema";
import { chordIndexAt, chordLaneMode, chordName, NO_CHORD, nowAndNext } from "../chord-lane.rules";
import { LanePlayhead, LaneTrack, useLaneWidth } from "./lane-track";

type Props = {
  chords: readonly ChordSpan[];
  clock: PlaybackClock;
  duration: number;
  view: LaneView;
  /** The song's transpose in this browser, and the key its chords are spelled in. */
  semitones: number;
  songKey: string | null;
};

/**
 * The detected chords above the waveform: labelled spans with the one
 * sounding now highlighted, or, where spans would be too narrow to read (a
 * phone, a long take), what sounds now and what comes next.
 */
export function ChordLane({ chords, clock, duration, view, semitones, songKey }: Props) {
  const [width, measure] = useLaneWidth(view);
  const current = useSyncExternalStore(
    clock.subscribe,
    () => chordIndexAt(chords, clock.get()),
    () => chordIndexAt(chords, clock.initial),
  );
  const mode = duration > 0 ? chordLaneMode(chords, width / duration) : "now-next";
  const name = (label: string) => chordName(label, semitones, songKey);
  const transposed = semitones !== 0 ? <span className="small faint"> (transposed like the sheet)</span> : null;

  if (mode === "now-next") {
    const { now, next } = nowAndNext(chords, clock.get());
    return (
      <div ref={measure} className="chord-lane is-now-next" data-testid="chord-lane" data-mode="now-next" data-current={current}>
        <span className="chord-lane-title">Chords{transposed}</span>
        <span className="chord-now">
          <span className="chord-caption">Now</span> <strong data-testid="chord-now">{now ? name(now.label) : "–"}</strong>
        </span>
        <span className="chord-next">
          <span className="chord-caption">Next</span> <span data-testid="chord-next">{next ? name(next.label) : "–"}</span>
        </span>
      </div>
    );
  }

  return (
    <div ref={measure} className="chord-lane" data-testid="chord-lane" data-mode="spans" data-current={current}>
      <span className="visually-hidden">Chords{semitones !== 0 ? ", transposed like the sheet" : ""}</span>
      <LaneTrack view={view} className="chord-track">
        <ol className="chord-spans" aria-label="Detected chords">
          {chords.map((span, i) =>
            span.label === NO_CHORD ? null : (
              <li
                key={`${span.start}-${i}`}
                className={`chord-span${i === current ? " is-current" : ""}`}
                style={{ left: `${(span.start / duration) * 100}%`, width: `${((Math.min(span.end, duration) - span.start) / duration) * 100}%` }}
                aria-current={i === current ? "true" : undefined}
                data-testid="chord-span"
              >
                {name(span.label)}
              </li>
            ),
          )}
        </ol>
        <LanePlayhead clock={clock} duration={duration} />
      </LaneTrack>
    </div>
  );
}
