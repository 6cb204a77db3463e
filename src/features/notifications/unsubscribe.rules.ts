/** How long an unsubscribe link in a mail keeps working, counted from when the mail was made. */
export const UNSUBSCRIBE_LINK_DAYS = 90;
const LINK_MS = UNSUBSCRIBE_LINK_DAYS * 24 * 60 * 60 * 1000;

export type UnsubscribeLinkState = "ready" | "used" | "expired";

/**
 * A link works once, within 90 days of its mail. Once used it never applies
 * itself again (someone who turned the mail back on keeps it on); a used link
 * says so even after it would have expired.
 */
export function unsubscribeLinkState(link: { createdAt: Date; usedAt: Date | null }, now: Date): UnsubscribeLinkState {
  if (link.usedAt) return "used";
  return now.getTime() - link.createdAt.getTime() >= LINK_MS ? "expired" : "ready";
}

/** The oldest creation time a link may have and still work at `now`. */
export function unsubscribeLinksMadeAfter(now: Date): Date {
  return new Date(now.getTime() - LINK_MS);
}
