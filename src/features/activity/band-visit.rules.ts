/**
 * "New since my last visit". A visit is a stretch of looking at a band: opens
 * less than VISIT_GAP_MS apart belong to one visit. Opening the band or its
 * activity marks everything seen (the unread count drops to zero), while the
 * feed keeps marking what was new when this visit began, however often the
 * pages are opened during it.
 */
export const VISIT_GAP_MS = 30 * 60_000;

export type BandVisitState = { seenAt: Date; previousSeenAt: Date | null };

/** The stored state after an open at `now`. */
export function visitAfterOpen(visit: BandVisitState | null, now: Date, joinedAt: Date): BandVisitState {
  if (!visit) return { seenAt: now, previousSeenAt: joinedAt };
  if (now.getTime() - visit.seenAt.getTime() > VISIT_GAP_MS) return { seenAt: now, previousSeenAt: visit.seenAt };
  return { seenAt: now, previousSeenAt: visit.previousSeenAt ?? joinedAt };
}

/** Events after this moment are marked new in the feed. */
export function newSince(visit: BandVisitState | null, now: Date, joinedAt: Date): Date {
  return visitAfterOpen(visit, now, joinedAt).previousSeenAt ?? joinedAt;
}

/** Events after this moment count as unread: everything since the band was last opened (or since I joined). */
export function unreadSince(visit: BandVisitState | null, joinedAt: Date): Date {
  return visit?.seenAt ?? joinedAt;
}
