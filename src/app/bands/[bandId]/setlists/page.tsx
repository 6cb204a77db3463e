import type { Metadata } from "next";
import { SetlistsPanel } from "@/features/setlists/ui/setlists-panel";
import { bandPageTitle, HydrateClient, loadBandForPage, prefetch } from "@/trpc/server";

type Props = { params: Promise<{ bandId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Setlists") };
}

export default async function BandSetlistsPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal.
  const result = await loadBandForPage(bandId, `/bands/${bandId}/setlists`);
  if (!result.ok) return null;
  await prefetch.setlist.list.prefetch({ bandId });
  return (
    <HydrateClient>
      <SetlistsPanel bandId={bandId} />
    </HydrateClient>
  );
}
