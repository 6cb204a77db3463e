"use client";

import { useEffect } from "react";

type Meta = { title: string; song: string; band: string };

const ARTWORK = [
  { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
  { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
];

/** Lock screen and headset controls for the page's audio element: what plays, play/pause and seeking. */
export function useMediaSession(audio: HTMLAudioElement | null, meta: Meta, seekBy: (seconds: number) => void) {
  useEffect(() => {
    if (!audio || typeof navigator === "undefined" || !("mediaSession" in navigator)) return;
    const session = navigator.mediaSession;
    session.metadata = new MediaMetadata({ title: meta.title, artist: meta.band, album: meta.song, artwork: ARTWORK });
    const position = () => {
      const duration = audio.duration;
      if (!Number.isFinite(duration) || duration <= 0) return;
      try {
        session.setPositionState({ duration, position: Math.min(audio.currentTime, duration), playbackRate: audio.playbackRate || 1 });
      } catch {
        // Some browsers reject a position state mid-load; the next event fixes it.
      }
    };
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ["play", () => void audio.play().catch(() => undefined)],
      ["pause", () => audio.pause()],
      ["seekbackward", (d) => seekBy(-(d.seekOffset ?? 10))],
      ["seekforward", (d) => seekBy(d.seekOffset ?? 10)],
      ["seekto", (d) => {
        if (d.seekTime != null) audio.currentTime = d.seekTime;
        position();
      }],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not know.
      }
    }
    const events = ["durationchange", "ratechange", "seeked", "play", "pause"] as const;
    events.forEach((e) => audio.addEventListener(e, position));
    const state = () => (session.playbackState = audio.paused ? "paused" : "playing");
    audio.addEventListener("play", state);
    audio.addEventListener("pause", state);
    return () => {
      events.forEach((e) => audio.removeEventListener(e, position));
      audio.removeEventListener("play", state);
      audio.removeEventListener("pause", state);
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // As above.
        }
      }
    };
  }, [audio, meta.title, meta.song, meta.band, seekBy]);
}
