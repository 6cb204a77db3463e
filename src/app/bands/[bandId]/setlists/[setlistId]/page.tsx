import type { Metadata } from "next";
import { cache } from "react";
import { SetlistEditorWithReadiness } from "./setlist-editor-with-readiness";
import { hasAtLeastRole } from "@/lib/roles";
import { ShareButton } from "@/features/sharing/ui/share-dialog";
import { areIds, bandPageTitle, HydrateClient, loadBandForPage, loadForPage, notFoundUnlessIds, prefetch, serverApi } from "@/trpc/server";

type Props = { params: Promise<{ bandId: string; setlistId: string }> };

/** The page and its tab title share one setlist.get per request. */
const setlistForRequest = cache(async (bandId: string, setlistId: string) => (await serverApi()).setlist.get({ bandId, setlistId }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bandId, setlistId } = await params;
  if (!areIds(bandId, setlistId)) return { title: "Setlist" };
  const setlist = await setlistForRequest(bandId, setlistId).catch(() => null);
  return { title: await bandPageTitle(bandId, setlist?.name ?? "Setlist") };
}

export default async function SetlistPage({ params }: Props) {
  const { bandId, setlistId } = await params;
  notFoundUnlessIds(bandId, setlistId);
  const band = await loadBandForPage(bandId, `/bands/${bandId}/setlists/${setlistId}`);
  // The layout already explains a refusal.
  if (!band.ok) return null;
  // A setlist of another band, or a deleted one: the styled 404.
  const found = await loadForPage(() => setlistForRequest(bandId, setlistId), `/bands/${bandId}/setlists/${setlistId}`);
  if (!found.ok) return null;
  await prefetch.song.list.prefetch({ bandId });
  return (
    <HydrateClient>
      <SetlistEditorWithReadiness
        bandId={bandId}
        setlistId={setlistId}
        initialSetlist={found.data}
        canDelete={hasAtLeastRole(band.data.myRole, "ADMIN")}
        actions={<ShareButton bandId={bandId} target={{ setlistId }} what="setlist" />}
      />
    </HydrateClient>
  );
}
