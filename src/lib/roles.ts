import type { BandRole } from "@/generated/prisma/enums";

export type { BandRole };

/** The role hierarchy as data: a higher rank can do everything a lower one can. */
export const roleRank: Record<BandRole, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

/** Every role, lowest first. */
export const bandRoles: readonly BandRole[] = ["MEMBER", "ADMIN", "OWNER"];

export const roleLabel: Record<BandRole, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };

export function hasAtLeastRole(role: BandRole, minRole: BandRole): boolean {
  return roleRank[role] >= roleRank[minRole];
}

/** Roles an actor may hand out (in an invite or a role change): never above their own; members none. */
export function grantableRoles(actor: BandRole): BandRole[] {
  if (!hasAtLeastRole(actor, "ADMIN")) return [];
  return bandRoles.filter((role) => roleRank[role] <= roleRank[actor]);
}

export function canGrantRole(actor: BandRole, role: BandRole): boolean {
  return grantableRoles(actor).includes(role);
}

/**
 * May the actor manage (change the role of, or remove) a member whose role is
 * `target`? Admins manage admins and members, never owners; owners manage
 * everyone; members manage nobody.
 */
export function canManageMember(actor: BandRole, target: BandRole): boolean {
  return hasAtLeastRole(actor, "ADMIN") && roleRank[target] <= roleRank[actor];
}

/** May the actor with role `actor` change a member from role `from` to role `to`? */
export function canChangeRole(actor: BandRole, from: BandRole, to: BandRole): boolean {
  return canManageMember(actor, from) && canGrantRole(actor, to);
}

/** The roles the actor may move a member whose role is `target` to (their current role excluded). */
export function roleChangeOptions(actor: BandRole, target: BandRole): BandRole[] {
  return bandRoles.filter((to) => to !== target && canChangeRole(actor, target, to));
}

/** May the actor remove a member whose role is `target`? Same hierarchy as changing roles. */
export function canRemoveMember(actor: BandRole, target: BandRole): boolean {
  return canManageMember(actor, target);
}
