import type { Metadata } from "next";
import { env } from "@/env";
import { SongWorkspace } from "@/features/versions/ui/song-workspace";
import { loadForPage, notFoundUnlessIds, serverApi } from "@/trpc/server";

type Props = {
  params: Promise<{ bandId: string; songId: string }>;
  searchParams: Promise<{ take?: string | string[] }>;
};

export const metadata: Metadata = { title: "Song · RehearsalHub" };

export default async function SongPage({ params, searchParams }: Props) {
  const { bandId, songId } = await params;
  const { take } = await searchParams;
  notFoundUnlessIds(bandId, songId);
  const result = await loadForPage(async () => {
    const api = await serverApi();
    const [song, versions] = await Promise.all([api.song.get({ bandId, songId }), api.version.list({ bandId, songId })]);
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
