import type { Metadata } from "next";
import { headers } from "next/headers";
import { env } from "@/env";
import { SongWorkspace } from "@/features/song-page/ui/song-workspace";
import { parseMoment } from "@/features/player/deep-link";
import { currentUser, loadBand, areIds, loadForPage, notFoundUnlessIds, serverApi, songForRequest } from "@/trpc/server";

type Props = {
  params: Promise<{ bandId: string; songId: string }>;
  searchParams: Promise<{ take?: string | string[]; t?: string | string[]; end?: string | string[] }>;
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
  const { take, t, end } = await searchParams;
  notFoundUnlessIds(bandId, songId);
  const result = await loadForPage(async () => {
    const api = await serverApi();
    const [song, versions, band, user] = await Promise.all([songForRequest(bandId, songId), api.version.list({ bandId, songId }), loadBand(bandId), currentUser()]);
    return { song, versions, band, user };
  }, `/bands/${bandId}/songs/${songId}`);
  // The band layout already explains a refusal.
  if (!result.ok) return null;

  return (
    <SongWorkspace
      bandId={bandId}
      song={result.data.song}
      initialVersions={result.data.versions}
      initialTakeId={typeof take === "string" ? take : null}
      initialMoment={parseMoment({ t: typeof t === "string" ? t : null, end: typeof end === "string" ? end : null })}
      bandName={result.data.band.name}
      userId={result.data.user?.id ?? "anonymous"}
      cspNonce={(await headers()).get("x-nonce") ?? undefined}
      maxUploadMb={Math.floor(env().maxUploadBytes / (1024 * 1024))}
    />
  );
}
