import type { Metadata } from "next";
import { env } from "@/env";
import { SongWorkspace } from "@/features/versions/ui/song-workspace";
import { loadBand, areIds, loadForPage, notFoundUnlessIds, serverApi, songForRequest } from "@/trpc/server";

type Props = {
  params: Promise<{ bandId: string; songId: string }>;
  searchParams: Promise<{ take?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bandId, songId } = await params;
  if (!areIds(bandId, songId)) return { title: "Song" };
  // A refusal or a missing song is the page's to explain; the title just stays generic.
  const [band, song] = await Promise.all([loadBand(bandId).catch(() => null), songForRequest(bandId, songId).catch(() => null)]);
  return { title: song && band ? `${song.title} · ${band.name}` : "Song" };
}

export default async function SongPage({ params, searchParams }: Props) {
  const { bandId, songId } = await params;
  const { take } = await searchParams;
  notFoundUnlessIds(bandId, songId);
  const result = await loadForPage(async () => {
    const api = await serverApi();
    const [song, versions] = await Promise.all([songForRequest(bandId, songId), api.version.list({ bandId, songId })]);
    return { song, versions };
  }, `/bands/${bandId}/songs/${songId}`);
  // The band layout already explains a refusal.
  if (!result.ok) return null;

  return (
    <SongWorkspace
      bandId={bandId}
      song={result.data.song}
      initialVersions={result.data.versions}
      initialTakeId={typeof take === "string" ? take : null}
      maxUploadMb={Math.floor(env().maxUploadBytes / (1024 * 1024))}
    />
  );
}
