import type { Metadata } from "next";
import { InvitesPanel } from "@/features/invites/ui/invites-panel";
import { JoinLinkPanel } from "@/features/invites/ui/join-link-panel";
import { hasAtLeastRole } from "@/lib/roles";
import { loadForPage, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Invites" };

type Props = { params: Promise<{ bandId: string }> };

export default async function BandInvitesPage({ params }: Props) {
  const { bandId } = await params;
  // The layout already explains a refusal; this only needs the viewer's role.
  const result = await loadForPage(async () => (await serverApi()).band.get({ bandId }), `/bands/${bandId}/invites`);
  if (!result.ok) return null;
  return (
    <div className="invites-layout">
      <InvitesPanel bandId={bandId} />
      <aside>
        <JoinLinkPanel bandId={bandId} canManage={hasAtLeastRole(result.data.myRole, "ADMIN")} />
      </aside>
    </div>
  );
}
