import Link from "next/link";
import type { ReactNode } from "react";
import { RoleBadge } from "@/components/role-badge";
import { roleLabel, type BandRole } from "@/lib/roles";
import type { InviteStatus } from "../invite.rules";
import { AnswerInvite, SignInAsInvited, SwitchAccount } from "./invite-actions";
import { LocalDate } from "@/components/local-date";
import { Alert } from "@/components/alert";

type OpenInvite = {
  band: { name: string; id: string | null };
  email: string;
  role: BandRole;
  status: "PENDING";
  expiresAt: Date;
  invitedAt: Date;
  inviterName: string | null;
  viewer: { email: string; emailMatches: boolean; isMember: boolean } | null;
};

/** Once an invite is closed, its link tells only what became of it: no addresses, role or dates. */
type ClosedInvite = {
  band: { name: string; id: string | null };
  status: Exclude<InviteStatus, "PENDING">;
  email: null;
  role: null;
  expiresAt: null;
  invitedAt: null;
  inviterName: null;
  viewer: { email: string; emailMatches: null; isMember: boolean } | null;
};

export type InvitePreview = OpenInvite | ClosedInvite;

/** The frame every invite and join-link state shares: an icon, a title, what happened, what to do next. */
export function InviteCard({ icon, eyebrow, title, state, children }: { icon: string; eyebrow?: string; title: ReactNode; state: string; children: ReactNode }) {
  return (
    <section className="card auth-card invite-card stack" data-invite-state={state} aria-labelledby="invite-title">
      <div className="invite-icon" aria-hidden="true">
        {icon}
      </div>
      <div>
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1 id="invite-title">{title}</h1>
      </div>
      {children}
    </section>
  );
}

function Details({ p }: { p: OpenInvite }) {
  return (
    <dl className="invite-details">
      <div>
        <dt>Band</dt>
        <dd>{p.band.name}</dd>
      </div>
      <div>
        <dt>Invited by</dt>
        <dd>{p.inviterName ?? "A former member"}</dd>
      </div>
      <div>
        <dt>Your role</dt>
        <dd>
          <RoleBadge role={p.role} />
        </dd>
      </div>
      <div>
        <dt>For</dt>
        <dd>{p.email}</dd>
      </div>
      <div>
        <dt>Expires</dt>
        <dd>
          <LocalDate date={p.expiresAt} />
        </dd>
      </div>
    </dl>
  );
}

const HomeLink = ({ label = "Go to your bands" }: { label?: string }) => (
  <Link href="/" className="btn btn-secondary">
    {label}
  </Link>
);

export function UnknownInvite() {
  return (
    <InviteCard icon="?" title="This invite link doesn't work" state="unknown">
      <p className="muted">We couldn&apos;t find an invite for this link. Usually that means one of these:</p>
      <ul className="invite-reasons">
        <li>The link was cut off or mistyped: open it straight from the email instead of copying it.</li>
        <li>The band sent you a newer invite, which turns the older link off. Look for the latest email from RehearsalHub.</li>
      </ul>
      <p className="muted">Still stuck? Ask someone in the band to invite you again.</p>
      <HomeLink />
    </InviteCard>
  );
}

export function InviteLanding({ token, p }: { token: string; p: InvitePreview }) {
  const returnTo = `/invite/${token}`;
  if (p.status !== "PENDING") return <ClosedInviteCard p={p} />;
  if (p.viewer?.isMember && p.band.id) return <AlreadyMember bandName={p.band.name} bandId={p.band.id} used={false} />;
  return <OpenInviteCard token={token} returnTo={returnTo} p={p} />;
}

function AlreadyMember({ bandName, bandId, used }: { bandName: string; bandId: string; used: boolean }) {
  return (
    <InviteCard icon="♫" title={`You're in ${bandName}`} state="member">
      <p className="muted">{used ? "This invite has been used and you're a member of the band." : "You're already a member of this band, so there's nothing to accept."}</p>
      <Link href={`/bands/${bandId}`} className="btn btn-primary">
        Open {bandName}
      </Link>
    </InviteCard>
  );
}

function ClosedInviteCard({ p }: { p: ClosedInvite }) {
  if (p.status === "REVOKED") {
    return (
      <InviteCard icon="✕" title="This invite was withdrawn" state="revoked">
        <p className="muted">
          The invite to join <strong>{p.band.name}</strong> was cancelled by the band, or replaced by a newer invite to the same address.
        </p>
        <p className="muted">Check your email for a newer invite, or ask someone in the band to invite you again.</p>
        <HomeLink />
      </InviteCard>
    );
  }

  if (p.status === "EXPIRED") {
    return (
      <InviteCard icon="!" title="This invite has expired" state="expired">
        <p className="muted">
          The invite to join <strong>{p.band.name}</strong> has run out. Invites only last a few days so that old emails can&apos;t be used to get in.
        </p>
        <p className="muted">Ask someone in the band to send it again from the band&apos;s Invites page: you&apos;ll get a fresh link by email.</p>
        <HomeLink />
      </InviteCard>
    );
  }

  if (p.status === "DECLINED") {
    return (
      <InviteCard icon="✕" title="This invite was declined" state="declined">
        <p className="muted">
          The invite to join <strong>{p.band.name}</strong> was declined, so the link no longer works.
        </p>
        <p className="muted">Changed your mind? Ask someone in the band to invite you again.</p>
        <HomeLink />
      </InviteCard>
    );
  }

  // Accepted.
  if (p.viewer?.isMember && p.band.id) return <AlreadyMember bandName={p.band.name} bandId={p.band.id} used />;
  return (
    <InviteCard icon="✓" title="This invite has already been used" state="used">
      <p className="muted">
        Each invite works once, and this one to join <strong>{p.band.name}</strong> has been accepted.
      </p>
      <p className="muted">
        If that was you, sign in with the address the invite was sent to and you&apos;ll find the band on your dashboard. Otherwise ask someone in the
        band for a new invite.
      </p>
      <div className="row">
        {!p.viewer && (
          <Link href="/signin" className="btn btn-primary">
            Sign in
          </Link>
        )}
        <HomeLink />
      </div>
    </InviteCard>
  );
}

function OpenInviteCard({ token, returnTo, p }: { token: string; returnTo: string; p: OpenInvite }) {
  const who = p.inviterName ?? "Someone in the band";
  const role = roleLabel[p.role].toLowerCase();
  const intro = (
    <p className="lead-sm">
      <strong>{who}</strong> invited you to join <strong>{p.band.name}</strong> as {role === "admin" || role === "owner" ? "an" : "a"} {role}, to hear and discuss the
      band&apos;s rehearsal recordings.
    </p>
  );

  if (!p.viewer) {
    return (
      <InviteCard icon="♫" eyebrow="You're invited" title={`Join ${p.band.name}`} state="pending-signed-out">
        {intro}
        <Details p={p} />
        <SignInAsInvited email={p.email} returnTo={returnTo} />
        <p className="hint">
          We&apos;ll email a sign-in link to {p.email} and bring you right back here to accept. New to RehearsalHub? The same link creates your account.
        </p>
        <p className="small faint">Not expecting this? You can ignore it; nothing happens unless you accept.</p>
      </InviteCard>
    );
  }

  if (!p.viewer.emailMatches) {
    return (
      <InviteCard icon="⇄" eyebrow="Wrong account" title="This invite is for someone else" state="mismatch">
        <Alert tone="warning" announce="alert">
          You&apos;re signed in as <strong>{p.viewer.email}</strong>, but this invite to <strong>{p.band.name}</strong> was sent to <strong>{p.email}</strong>.
          Only that address can accept it.
        </Alert>
        <p className="muted">If {p.email} is also yours, switch to it: we&apos;ll sign you out and email a sign-in link to that address.</p>
        <SwitchAccount email={p.email} returnTo={returnTo} />
        <p className="small faint">
          Not yours? Ask {who} to invite {p.viewer.email} instead. <Link href="/">Back to your bands</Link>
        </p>
      </InviteCard>
    );
  }

  return (
    <InviteCard icon="♫" eyebrow="You're invited" title={`Join ${p.band.name}`} state="pending">
      {intro}
      <Details p={p} />
      <AnswerInvite token={token} bandName={p.band.name} />
    </InviteCard>
  );
}
