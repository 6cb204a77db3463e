import type { Metadata } from "next";
import { Icon } from "@/components/icon";
import { DeleteBandSection, RenameBandForm } from "@/features/bands/ui/band-settings";
import { hasAtLeastRole } from "@/lib/roles";
import { loadForPage, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Band settings" };

type Props = { params: Promise<{ bandId: string }> };

export default async function BandSettingsPage({ params }: Props) {
  const { bandId } = await params;
  const result = await loadForPage(async () => (await serverApi()).band.get({ bandId }), `/bands/${bandId}/settings`);
  if (!result.ok) return null;
  const band = result.data;
  if (!hasAtLeastRole(band.myRole, "ADMIN")) {
    return (
      <div className="empty-state">
        <div className="icon">
          <Icon name="lock" size={32} />
        </div>
        <h2>Settings are for admins</h2>
        <p>Ask an admin or owner of {band.name} if something needs changing.</p>
      </div>
    );
  }
  return (
    <div className="stack settings-page">
      <RenameBandForm bandId={band.id} name={band.name} />
      {band.myRole === "OWNER" ? (
        <DeleteBandSection bandId={band.id} name={band.name} />
      ) : (
        <p className="small faint">Only owners can delete the band.</p>
      )}
    </div>
  );
}
