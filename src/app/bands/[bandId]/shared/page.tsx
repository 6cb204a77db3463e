import type { Metadata } from "next";
import { ShareLinks } from "@/features/sharing/ui/share-links";
import { bandPageTitle, loadBandForPage } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Shared links") };
}

type Props = { params: Promise<{ bandId: string }> };

/** The band's links to takes, songs and setlists for people outside the band. */
export default async function SharedLinksPage({ params }: Props) {
  const { bandId } = await params;
  const result = await loadBandForPage(bandId, `/bands/${bandId}/shared`);
  if (!result.ok) return null;
  return (
    <div className="stack">
      <p className="muted">Links the band made for people outside it. Whoever made a link, or an admin, can revoke it.</p>
      <ShareLinks bandId={bandId} />
    </div>
  );
}
