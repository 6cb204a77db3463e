import { hasAtLeastRole, type BandRole } from "@/lib/roles";

/**
 * Who may change or delete a take: the member who uploaded it, or an admin or
 * owner of the band. Membership itself was already verified by
 * bandMemberProcedure; this only decides "which member".
 */
export function canEditVersion({ role, isUploader }: { role: BandRole; isUploader: boolean }): boolean {
  return isUploader || hasAtLeastRole(role, "ADMIN");
}
