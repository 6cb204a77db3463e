import { roleLabel, type BandRole } from "@/lib/roles";

const roleClass: Record<BandRole, string> = { OWNER: "badge-owner", ADMIN: "badge-admin", MEMBER: "badge-member" };

export function RoleBadge({ role }: { role: BandRole }) {
  return <span className={`badge ${roleClass[role]}`}>{roleLabel[role]}</span>;
}
