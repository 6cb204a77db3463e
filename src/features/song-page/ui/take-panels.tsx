"use client";

import type { ComponentProps } from "react";
import { CommentsPanel } from "@/features/comments/ui/comments-panel";
import { PracticeMarkers } from "@/features/markers/ui/practice-markers";
import { useHeard, useWholeSeconds, type PlaybackClock } from "@/features/player/playback-clock";
import { TakeDetails } from "@/features/takes/ui/take-details";

export { PracticeMarkers, TakeDetails };

/** The comments follow the playhead in whole seconds, so they re-render once a second, not every frame. */
export function CommentsAtPlayhead({ clock, ...props }: Omit<ComponentProps<typeof CommentsPanel>, "currentTime" | "heard"> & { clock: PlaybackClock }) {
  const currentTime = useWholeSeconds(clock);
  const heard = useHeard(clock);
  return <CommentsPanel {...props} currentTime={currentTime} heard={heard} />;
}
