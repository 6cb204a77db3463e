import type { InviteState } from "@/generated/prisma/enums";
import { canGrantRole, roleLabel, type BandRole } from "@/lib/roles";
import { normalizeEmail } from "@/server/auth/email";
import { AppError } from "@/server/errors";

/** Pure rules of the invite lifecycle: no database, no clock of their own. */

/** What users see: the stored state, plus EXPIRED for a pending invite past its expiry. */
export type InviteStatus = "PENDING" | "ACCEPTED" | "DECLINED" | "REVOKED" | "EXPIRED";

export const inviteExpiryChoices = [1, 7, 30] as const;
export type InviteExpiryDays = (typeof inviteExpiryChoices)[number];
export const DEFAULT_INVITE_EXPIRY_DAYS: InviteExpiryDays = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

export function expiryFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export function inviteStatus(invite: { state: InviteState; expiresAt: Date }, now: Date): InviteStatus {
  if (invite.state === "PENDING" && invite.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return invite.state;
}

export type InviteAction = "create" | "resend" | "revoke";

/**
 * The one hierarchy rule for invites: an actor may create, resend or revoke
 * only an invite whose role they could grant themselves (admins never handle
 * an owner invite, in any of the three ways).
 */
export function mayHandleInvite(actor: BandRole, inviteRole: BandRole): boolean {
  return canGrantRole(actor, inviteRole);
}

export function assertMayHandleInvite(actor: BandRole, inviteRole: BandRole, action: InviteAction): void {
  if (mayHandleInvite(actor, inviteRole)) return;
  const role = roleLabel[inviteRole].toLowerCase();
  const message =
    action === "create"
      ? `You cannot invite someone as ${role}.`
      : `Only someone who may grant the ${role} role can ${action} an invite that offers it.`;
  throw new AppError("FORBIDDEN", message, "ROLE_NOT_ALLOWED");
}

/** Does the signed-in address equal the invited one (trimmed, lower-cased on both sides)? */
export function emailsMatch(invited: string, signedIn: string): boolean {
  return normalizeEmail(invited) === normalizeEmail(signedIn);
}

/**
 * Why an invite cannot be answered (accepted or declined) right now, as the
 * contract's error, or null when it can. Unknown and revoked look the same to
 * the caller: 404 INVITE_NOT_FOUND.
 */
export function answerBlocker(status: InviteStatus | null): AppError | null {
  switch (status) {
    case null:
    case "REVOKED":
      return new AppError("NOT_FOUND", "This invite does not exist or was revoked.", "INVITE_NOT_FOUND");
    case "ACCEPTED":
      return new AppError("CONFLICT", "This invite has already been used.", "INVITE_USED");
    case "DECLINED":
      return new AppError("CONFLICT", "This invite was declined and can no longer be used.", "INVITE_USED");
    case "EXPIRED":
      return new AppError("GONE", "This invite has expired. Ask the band for a new one.", "INVITE_EXPIRED");
    case "PENDING":
      return null;
  }
}

/** An admin may resend or revoke only an invite that is still open (pending, or pending but expired). */
export function manageBlocker(status: InviteStatus, action: "resend" | "revoke"): AppError | null {
  if (status === "PENDING" || status === "EXPIRED") return null;
  if (status === "REVOKED") {
    return action === "revoke" ? null : new AppError("NOT_FOUND", "This invite was revoked. Create a new one instead.", "INVITE_NOT_FOUND");
  }
  const answered = status === "ACCEPTED" ? "accepted" : "declined";
  return new AppError("CONFLICT", `This invite was already ${answered}.`, "INVITE_USED");
}
