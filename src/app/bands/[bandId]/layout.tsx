import { DeferredPrefetchLink } from "@/components/deferred-prefetch-link";
import type { ReactNode } from "react";
import { BandTabs } from "@/features/bands/ui/band-tabs";
import { RoleBadge } from "@/components/role-badge";
import { loadBandForPage, notFoundUnlessIds } from "@/trpc/server";
import { Icon } from "@/components/icon";

type Props = { children: ReactNode; params: Promise<{ bandId: string }> };

export default async function BandLayout({ children, params }: Props) {
  const { bandId } = await params;
  notFoundUnlessIds(bandId);
  // The same cached call as the page inside: one band.get, one access check per request.
  const result = await loadBandForPage(bandId, `/bands/${bandId}`);

  if (!result.ok) {
    return (
      <div className="card auth-card stack" role="alert">
        <div className="card-icon"><Icon name="lock" size={28} /></div>
        <h1>{result.reason === "NOT_A_MEMBER" ? "You're not in this band" : "No access"}</h1>
        <p className="muted">
          {result.reason === "NOT_A_MEMBER"
            ? "Only members can see this band. If you were invited, open the invite link from your email while signed in with that address."
            : result.message}
        </p>
        <DeferredPrefetchLink href="/" className="btn btn-secondary">
          Back to your bands
        </DeferredPrefetchLink>
      </div>
    );
  }

  const band = result.data;
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <DeferredPrefetchLink href="/">Your bands</DeferredPrefetchLink>
        <span aria-hidden="true">/</span>
        <span aria-current="page" className="truncate">
          {band.name}
        </span>
      </nav>
      <div className="page-header">
        <div className="grow">
          <h1 className="truncate" style={{ marginBottom: 6 }}>
            {band.name}
          </h1>
          <div className="row small muted">
            <RoleBadge role={band.myRole} />
            <span>
              {band.memberCount} {band.memberCount === 1 ? "member" : "members"}
            </span>
          </div>
        </div>
      </div>
      <BandTabs bandId={band.id} role={band.myRole} />
      {children}
    </div>
  );
}
