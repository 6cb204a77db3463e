import type { Metadata } from "next";
import { MembersPanel } from "@/features/members/ui/members-panel";
import { bandForRequest, bandPageTitle, loadForPage } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Members") };
}

type Props = { params: Promise<{ bandId: string }> };

export default async function BandMembersPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal.
  const result = await loadForPage(() => bandForRequest(bandId), `/bands/${bandId}/members`);
  if (!result.ok) return null;
  return <MembersPanel bandId={bandId} bandName={result.data.name} />;
}
