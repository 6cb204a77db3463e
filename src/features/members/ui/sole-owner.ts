/**
 * True when `me` is the band's only owner: leaving or stepping down would be
 * refused (LAST_OWNER), so the page explains instead of offering those controls.
 */
export function isSoleOwner(members: readonly { role: string; isMe: boolean }[]): boolean {
  const owners = members.filter((m) => m.role === "OWNER");
  return owners.length === 1 && owners[0]!.isMe;
}
