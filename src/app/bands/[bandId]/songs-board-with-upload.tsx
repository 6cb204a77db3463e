"use client";

import type { ComponentProps } from "react";
import { SongsBoard } from "@/features/songs/ui/songs-board";
import { RehearsalUpload } from "@/features/takes/ui/rehearsal-upload";

/** The band page's board with the whole-rehearsal upload in it: the page composes the songs and takes features here. */
export function SongsBoardWithUpload({ maxUploadMb, ...board }: Omit<ComponentProps<typeof SongsBoard>, "rehearsalUpload"> & { maxUploadMb: number }) {
  return <SongsBoard {...board} rehearsalUpload={(songs) => <RehearsalUpload bandId={board.bandId} songs={songs} maxUploadMb={maxUploadMb} />} />;
}
