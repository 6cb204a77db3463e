"use client";

import { useRef, useState } from "react";
import { playQueue } from "@/features/setlists/setlist.rules";
import type { RouterOutputs } from "@/trpc/react";

type SetSong = RouterOutputs["setlist"]["get"]["songs"][number];

/** "Play the set": each song's best (else latest) take in set order, one after the other, in one audio element. */
export function SetPlayer({ songs }: { songs: SetSong[] }) {
  const queue = playQueue(songs);
  const audio = useRef<HTMLAudioElement>(null);
  const [index, setIndex] = useState<number | null>(null);
  if (queue.length === 0) return null;
  const current = index !== null ? queue[Math.min(index, queue.length - 1)] : undefined;

  const go = (next: number) => {
    setIndex(next);
    // The new source loads on render; start it once it can play.
    requestAnimationFrame(() => void audio.current?.play().catch(() => {}));
  };

  return (
    <section className="card card-tight stack-sm" aria-labelledby="set-player-heading">
      <div className="row-between">
        <h2 id="set-player-heading" className="section-title m-0">
          Play the set
        </h2>
        <span className="small muted">
          {queue.length} of {songs.length} {songs.length === 1 ? "song has" : "songs have"} a take
        </span>
      </div>
      {current ? (
        <p className="small user-text m-0" role="status" data-testid="set-now-playing">
          Now playing {current.position}. {current.title}
        </p>
      ) : null}
      {/* The player shows once a take is chosen, so nothing loads before anyone asks. */}
      {current ? (
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={`/api/versions/${current.versionId}/stream`}
          onEnded={() => (index !== null && index + 1 < queue.length ? go(index + 1) : setIndex(index))}
          className="set-audio"
        >
          Your browser cannot play audio here.
        </audio>
      ) : null}
      <div className="row">
        <button type="button" className="btn btn-primary btn-sm" onClick={() => go(0)}>
          {current ? "From the top" : "Play from the top"}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={index === null || index === 0} onClick={() => go((index ?? 1) - 1)}>
          Previous
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={index === null || index + 1 >= queue.length} onClick={() => go((index ?? -1) + 1)}>
          Next
        </button>
      </div>
    </section>
  );
}
