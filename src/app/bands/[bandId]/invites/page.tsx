import type { Metadata } from "next";
import { InvitesPanel } from "@/features/invites/ui/invites-panel";
import { JoinLinkPanel } from "@/features/invites/ui/join-link-panel";
import { hasAtLeastRole } from "@/lib/roles";
import { bandPageTitle, HydrateClient, loadBandForPage, prefetch } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Invites") };
}

type Props = { params: Promise<{ bandId: string }> };

export default async function BandInvitesPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal; this only needs the viewer's role.
  const result = await loadBandForPage(bandId, `/bands/${bandId}/invites`);
  if (!result.ok) return null;
  // The panels' queries find these in their cache instead of fetching them again.
  await Promise.all([prefetch.invite.list.prefetch({ bandId }), prefetch.joinLink.get.prefetch({ bandId })]);
  return (
    <HydrateClient>
      <div className="invites-layout">
        <InvitesPanel bandId={bandId} />
        <aside>
          <JoinLinkPanel bandId={bandId} canManage={hasAtLeastRole(result.data.myRole, "ADMIN")} />
        </aside>
      </div>
    </HydrateClient>
  );
}
