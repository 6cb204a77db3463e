import type { Metadata } from "next";
import { MembersPanel } from "@/features/members/ui/members-panel";
import { bandPageTitle, HydrateClient, loadBandForPage, prefetch } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Members") };
}

type Props = { params: Promise<{ bandId: string }> };

export default async function BandMembersPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal.
  const result = await loadBandForPage(bandId, `/bands/${bandId}/members`);
  if (!result.ok) return null;
  // The panel's member.list query finds this in its cache instead of fetching it again.
  await prefetch.member.list.prefetch({ bandId });
  return (
    <HydrateClient>
      <MembersPanel bandId={bandId} bandName={result.data.name} />
    </HydrateClient>
  );
}
