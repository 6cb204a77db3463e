import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActivityFeed } from "@/features/activity/ui/activity-feed";
import { bandPageTitle, currentUser, notFoundUnlessIds } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Activity") };
}

type Props = { params: Promise<{ bandId: string }> };

export default async function BandActivityPage({ params }: Props) {
  const { bandId } = await params;
  notFoundUnlessIds(bandId);
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/bands/${bandId}/activity`)}`);
  // Membership is checked by the layout and again by activity.list on every page.
  return <ActivityFeed bandId={bandId} viewerId={user.id} />;
}
