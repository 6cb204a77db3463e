"use client";

import { playQueue } from "@/features/setlists/setlist.rules";
import { setPlayWording } from "@/features/setlists/set-play.machine";
import type { RouterOutputs } from "@/trpc/react";
import { streamUrl, useSetPlayback } from "./use-set-playback";

type SetSong = RouterOutputs["setlist"]["get"]["songs"][number];

/**
 * "Play the set": each song's best (else latest) take in set order, one after
 * the other, in one audio element; the next take preloads in a second, hidden
 * one so the gap between songs is short.
 */
export function SetPlayer({ songs }: { songs: SetSong[] }) {
  const queue = playQueue(songs);
  const { audio, state, current, next, choose, elementEvents } = useSetPlayback(queue);
  if (queue.length === 0) return null;
  const index = state.index;

  return (
    <section className="card card-tight stack-sm" aria-labelledby="set-player-heading" data-testid="set-player" data-state={state.status}>
      <div className="row-between">
        <h2 id="set-player-heading" className="section-title m-0">
          Play the set
        </h2>
        <span className="small muted">
          {queue.length} of {songs.length} {songs.length === 1 ? "song has" : "songs have"} a take
        </span>
      </div>
      {current ? (
        <p className={`small user-text m-0${state.status === "failed" ? " field-error" : ""}`} role="status" data-testid="set-now-playing">
          {setPlayWording(state.status, current)}
        </p>
      ) : null}
      {/* The player shows once a take is chosen, so nothing loads before anyone asks. Its source is set by the engine. */}
      {current ? (
        <audio ref={audio} controls preload="auto" className="set-audio" {...elementEvents}>
          Your browser cannot play audio here.
        </audio>
      ) : null}
      {/* The next take, loading while this one plays. */}
      {current && next ? <audio preload="auto" src={streamUrl(next.versionId)} className="set-audio-next" data-testid="set-preload" hidden aria-hidden="true" /> : null}
      <div className="row">
        <button type="button" className="btn btn-primary btn-sm" onClick={() => choose(0)}>
          {current ? "From the top" : "Play from the top"}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={index === null || index === 0} onClick={() => choose((index ?? 1) - 1)}>
          Previous
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={index === null || index + 1 >= queue.length} onClick={() => choose((index ?? -1) + 1)}>
          Next
        </button>
      </div>
    </section>
  );
}
