import { hasAtLeastRole, type BandRole } from "@/lib/roles";

/** Without an expiry a link lasts this long. */
export const DEFAULT_SHARE_DAYS = 30;

/**
 * When a new link expires: the moment asked for (any future moment), the
 * default 30 days when none was given, or never (null) for admins only.
 * Returns a sentence when the request is refused.
 */
export function shareExpiry(
  requested: Date | null | undefined,
  { role, now }: { role: BandRole; now: Date },
): { ok: true; expiresAt: Date | null } | { ok: false; problem: string } {
  if (requested === undefined) return { ok: true, expiresAt: new Date(now.getTime() + DEFAULT_SHARE_DAYS * 864e5) };
  if (requested === null) {
    return hasAtLeastRole(role, "ADMIN") ? { ok: true, expiresAt: null } : { ok: false, problem: "Only band admins can make a link that never expires." };
  }
  if (requested.getTime() <= now.getTime()) return { ok: false, problem: "Pick an expiry in the future." };
  return { ok: true, expiresAt: requested };
}

/** Who may turn a link off: whoever made it, or an admin. */
export function canRevokeShare({ role, isCreator }: { role: BandRole; isCreator: boolean }): boolean {
  return isCreator || hasAtLeastRole(role, "ADMIN");
}

/** How a link's subject reads: "take 4 of Harbour Lights", "Harbour Lights", "the setlist Friday gig". */
export function shareSubject(target: { kind: "take"; number: number; songTitle: string } | { kind: "song"; title: string } | { kind: "setlist"; name: string }): string {
  if (target.kind === "take") return `take ${target.number} of ${target.songTitle}`;
  if (target.kind === "song") return target.title;
  return `the setlist ${target.name}`;
}

/** A guest's name as the band sees it. */
export function guestDisplayName(name: string): string {
  return `${name} (guest)`;
}
