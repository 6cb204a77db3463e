/**
 * What the guest's page says when a link stops working, from the status its
 * audio route or share.open answered: the same words whether the player
 * failed, a seek was refused or the page was opened.
 */
export type LinkEnded = "revoked" | "expired" | "locked";

export function linkEndedFrom(status: number, reason: string | null | undefined): LinkEnded | null {
  if (reason === "SHARE_NOT_FOUND") return "revoked";
  if (reason === "SHARE_EXPIRED" || status === 410) return "expired";
  if (reason === "SHARE_PASSWORD_REQUIRED") return "locked";
  return null;
}

export const linkEndedWords: Record<LinkEnded, { title: string; body: string }> = {
  revoked: {
    title: "This link has been revoked",
    body: "The band turned this link off, or it never existed. Ask whoever sent it for a new one.",
  },
  expired: {
    title: "This link has expired",
    body: "Links last as long as the band chose when they made it. Ask whoever sent it for a new one.",
  },
  locked: {
    title: "This link needs its password again",
    body: "Reload the page and type the password.",
  },
};

/** The guest's name is remembered on this device, under one key for every link. */
export const GUEST_NAME_KEY = "rehearsalhub.guestName";
