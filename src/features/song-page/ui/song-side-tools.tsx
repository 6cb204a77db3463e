"use client";

import type { RouterOutputs } from "@/trpc/react";
import { RecordTake } from "@/features/recording/ui/record-take";
import { SongSheet } from "@/features/songs/ui/song-sheet";
import { UploadTakeForm } from "@/features/takes/ui/upload-take-form";

type Props = {
  bandId: string;
  song: RouterOutputs["song"]["get"];
  maxUploadMb: number;
  onUploaded: (take: { id: string }) => void | Promise<void>;
};

/** The song page's side tools: record a take, upload one, the song sheet. */
export function SongSideTools({ bandId, song, maxUploadMb, onUploaded }: Props) {
  return (
    <>
      <section className="card card-tight slot-record">
        <RecordTake bandId={bandId} songId={song.id} maxUploadMb={maxUploadMb} onUploaded={onUploaded} />
      </section>
      <section className="card card-tight slot-upload">
        <UploadTakeForm bandId={bandId} songId={song.id} maxUploadMb={maxUploadMb} onUploaded={onUploaded} />
      </section>
      <SongSheet bandId={bandId} song={song} />
    </>
  );
}
