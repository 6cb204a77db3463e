import type { Metadata } from "next";
import { Icon } from "@/components/icon";
import { DeleteBandSection, RenameBandForm } from "@/features/bands/ui/band-settings";
import { hasAtLeastRole } from "@/lib/roles";
import { bandPageTitle, loadBandForPage } from "@/trpc/server";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await bandPageTitle((await params).bandId, "Settings") };
}

type Props = { params: Promise<{ bandId: string }> };

export default async function BandSettingsPage({ params }: Props) {
  const { bandId } = await params;
  const result = await loadBandForPage(bandId, `/bands/${bandId}/settings`);
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
