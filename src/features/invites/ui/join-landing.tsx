import Link from "next/link";
import type { ReactNode } from "react";
import type { BandRole } from "@/lib/roles";
import type { JoinLinkStatus } from "../join-link.rules";
import { JoinBand } from "./invite-actions";
import { InviteCard } from "./invite-landing";
import { LocalDate } from "@/components/local-date";

export type JoinPreview = {
  band: { name: string; id: string | null };
  role: BandRole;
  status: JoinLinkStatus;
  expiresAt: Date;
  sharedBy: string | null;
  viewer: { email: string; isMember: boolean } | null;
};

const home = (
  <Link href="/" className="btn btn-secondary">
    Go to your bands
  </Link>
);

export function UnknownJoinLink() {
  return (
    <InviteCard icon="?" title="This join link doesn't work" state="unknown">
      <p className="muted">The link may be incomplete, or the band made a new one (which turns the old one off). Ask the band for the current link.</p>
      {home}
    </InviteCard>
  );
}

/** `signIn` is the sign-in form the page puts here for a signed-out visitor (it comes back to this link). */
export function JoinLanding({ token, p, signIn }: { token: string; p: JoinPreview; signIn: ReactNode }) {
  const who = p.sharedBy ?? "the band";
  if (p.viewer?.isMember && p.band.id) {
    return (
      <InviteCard icon="♫" title={`You're in ${p.band.name}`} state="member">
        <p className="muted">You&apos;re already a member of this band.</p>
        <Link href={`/bands/${p.band.id}`} className="btn btn-primary">
          Open {p.band.name}
        </Link>
      </InviteCard>
    );
  }
  if (p.status !== "ACTIVE") {
    const copy = {
      REVOKED: { icon: "✕", title: "This join link was turned off", text: `The band turned this link off or replaced it with a new one.` },
      EXPIRED: { icon: "!", title: "This join link has expired", text: `It ran out and can no longer be used.` },
      USED_UP: { icon: "✓", title: "This join link is full", text: `It has been used as many times as the band allowed.` },
    }[p.status];
    return (
      <InviteCard icon={copy.icon} title={copy.title} state={p.status.toLowerCase()}>
        <p className="muted">
          {copy.text} Ask {who} in <strong>{p.band.name}</strong> for a fresh link or an email invite.
        </p>
        {home}
      </InviteCard>
    );
  }
  return (
    <InviteCard icon="♫" eyebrow="Join link" title={`Join ${p.band.name}`} state={p.viewer ? "active" : "active-signed-out"}>
      <p className="lead-sm">
        <strong>{who}</strong> shared a link to join <strong>{p.band.name}</strong> as a member. The link works until <LocalDate date={p.expiresAt} />.
      </p>
      {p.viewer ? (
        <>
          <p className="small muted">
            You&apos;ll join as <strong>{p.viewer.email}</strong>.
          </p>
          <JoinBand token={token} bandName={p.band.name} />
        </>
      ) : (
        <>
          <p className="muted">Sign in first: we&apos;ll email you a link and bring you back here to join. New here? The same link creates your account.</p>
          {signIn}
        </>
      )}
    </InviteCard>
  );
}
