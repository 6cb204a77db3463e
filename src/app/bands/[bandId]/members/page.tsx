import type { Metadata } from "next";
import { MembersPanel } from "@/features/members/ui/members-panel";
import { loadForPage, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ bandId: string }> };

export default async function BandMembersPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal.
  const result = await loadForPage(async () => (await serverApi()).band.get({ bandId }), `/bands/${bandId}/members`);
  if (!result.ok) return null;
  return <MembersPanel bandId={bandId} bandName={result.data.name} />;
}
