/**
 * How a person is shown: their display name, or their email address until
 * they give one; initials and a stable colour for their avatar.
 */

export type PersonLike = { name: string | null; email: string };

export function personName(p: PersonLike): string {
  return p.name?.trim() || p.email;
}

/**
 * Up to two initials: first and last word of a name ("Ana Lucía Pérez" -> "AP"),
 * the first letter of a one-word name, or of an address's local part.
 * Letters are whole characters (an emoji or an accented letter is kept intact).
 */
export function initials(p: PersonLike): string {
  const name = p.name?.trim();
  const source = name || p.email.split("@")[0] || p.email;
  const words = source.split(/[\s._-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = (w: string | undefined) => (w ? (Array.from(w.replace(/^[^\p{L}\p{N}]+/u, ""))[0] ?? "") : "");
  if (!name) return first(words[0]).toUpperCase() || "?";
  if (words.length === 0) return "?";
  const letters = words.length === 1 ? first(words[0]) : first(words[0]) + first(words[words.length - 1]);
  return letters.toLocaleUpperCase();
}

/** The number of avatar colours in globals.css (`.avatar-0` ... `.avatar-7`). */
export const AVATAR_COLOURS = 8;

/** A colour slot from the user id (FNV-1a), so a person keeps their colour everywhere and across visits. */
export function avatarColour(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % AVATAR_COLOURS;
}
