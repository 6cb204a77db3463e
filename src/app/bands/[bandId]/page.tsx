import type { Metadata } from "next";
import { StatusNotice } from "@/components/status-notice";
import { env } from "@/env";
import { NextGigReadiness } from "@/features/readiness/ui/next-gig-readiness";
import { SongsBoardWithUpload } from "./songs-board-with-upload";
import { loadBand, bandPageTitle, loadForPage, serverApi } from "@/trpc/server";

type Props = { params: Promise<{ bandId: string }>; searchParams: Promise<{ joined?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId) };
}

export default async function BandSongsPage({ params, searchParams }: Props) {
  const { bandId } = await params;
  const { joined } = await searchParams;
  const result = await loadForPage(async () => {
    const [band, songs] = await Promise.all([loadBand(bandId), (await serverApi()).song.list({ bandId, includeArchived: true })]);
    return { band, songs };
  }, `/bands/${bandId}`);
  // The layout already explains a refusal.
  if (!result.ok) return null;
  return (
    <>
      {/* After accepting an invite or a join link (see invite-actions). */}
      {joined === "1" ? <StatusNotice param="joined" message={`You joined ${result.data.band.name}. Welcome to the band!`} /> : null}
      <NextGigReadiness bandId={bandId} />
      <SongsBoardWithUpload bandId={bandId} initialSongs={result.data.songs} maxUploadMb={Math.floor(env().maxUploadBytes / (1024 * 1024))} />

    </>
  );
}
