import { AppError } from "@/server/errors";

/** Pure rules of the band's shareable join link: no database, no clock of their own. */

export type JoinLinkStatus = "ACTIVE" | "EXPIRED" | "USED_UP" | "REVOKED";

export const joinLinkMaxUsesLimit = 100;
export const DEFAULT_JOIN_LINK_MAX_USES = 10;

export function joinLinkStatus(link: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number }, now: Date): JoinLinkStatus {
  if (link.revokedAt) return "REVOKED";
  if (link.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (link.uses >= link.maxUses) return "USED_UP";
  return "ACTIVE";
}

/** The join-link counterpart of answerBlocker, with the same reasons. */
export function joinBlocker(status: JoinLinkStatus | null): AppError | null {
  switch (status) {
    case null:
    case "REVOKED":
      return new AppError("NOT_FOUND", "This join link does not exist or was turned off.", "INVITE_NOT_FOUND");
    case "EXPIRED":
      return new AppError("GONE", "This join link has expired. Ask the band for a new one.", "INVITE_EXPIRED");
    case "USED_UP":
      return new AppError("CONFLICT", "This join link has been used as many times as allowed.", "INVITE_USED");
    case "ACTIVE":
      return null;
  }
}
