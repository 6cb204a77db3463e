import { canRemoveMember, roleChangeOptions, type BandRole } from "@/lib/roles";

/**
 * Would this change leave the band without an owner? `to` is the member's new
 * role, or null when they leave or are removed. `ownerCount` must be read
 * under the band's membership lock, or two concurrent changes can each see
 * "another owner remains".
 */
export function losesLastOwner({ ownerCount, from, to }: { ownerCount: number; from: BandRole; to: BandRole | null }): boolean {
  return from === "OWNER" && to !== "OWNER" && ownerCount <= 1;
}

export type MemberActions = {
  /** Roles the viewer may move this member to; empty when they may not change it. */
  roleOptions: BandRole[];
  canRemove: boolean;
  canLeave: boolean;
};

/**
 * What a viewer may do to one member row, from the pure role rules. The UI
 * shows exactly these controls; the procedures check the same rules again
 * under the lock. You change your own role only downwards and never remove
 * yourself (that is leaving).
 */
export function memberActions(viewer: { userId: string; role: BandRole }, target: { userId: string; role: BandRole }): MemberActions {
  const self = viewer.userId === target.userId;
  return {
    roleOptions: roleChangeOptions(viewer.role, target.role),
    canRemove: !self && canRemoveMember(viewer.role, target.role),
    canLeave: self,
  };
}
