import { SongsBoard } from "@/features/songs/ui/songs-board";
import { loadForPage, serverApi } from "@/trpc/server";

type Props = { params: Promise<{ bandId: string }> };

export default async function BandSongsPage({ params }: Props) {
  const { bandId } = await params;
  const result = await loadForPage(async () => (await serverApi()).song.list({ bandId, includeArchived: true }), `/bands/${bandId}`);
  // The layout already explains a refusal.
  if (!result.ok) return null;
  return <SongsBoard bandId={bandId} initialSongs={result.data} />;
}
