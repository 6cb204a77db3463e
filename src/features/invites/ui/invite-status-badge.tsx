import type { InviteStatus } from "../invite.rules";
import type { JoinLinkStatus } from "../join-link.rules";

const inviteBadge: Record<InviteStatus, { label: string; className: string }> = {
  PENDING: { label: "Pending", className: "badge-warning" },
  ACCEPTED: { label: "Accepted", className: "badge-success" },
  DECLINED: { label: "Declined", className: "badge-neutral" },
  EXPIRED: { label: "Expired", className: "badge-neutral" },
  REVOKED: { label: "Revoked", className: "badge-danger" },
};

const joinBadge: Record<JoinLinkStatus, { label: string; className: string }> = {
  ACTIVE: { label: "Active", className: "badge-success" },
  EXPIRED: { label: "Expired", className: "badge-neutral" },
  USED_UP: { label: "Used up", className: "badge-neutral" },
  REVOKED: { label: "Off", className: "badge-danger" },
};

export function InviteStatusBadge({ status }: { status: InviteStatus }) {
  const b = inviteBadge[status];
  return <span className={`badge ${b.className}`}>{b.label}</span>;
}

export function JoinLinkStatusBadge({ status }: { status: JoinLinkStatus }) {
  const b = joinBadge[status];
  return <span className={`badge ${b.className}`}>{b.label}</span>;
}
