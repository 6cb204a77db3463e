/**
 * The same file uploaded twice in a band: a later take whose original has the
 * same bytes (SHA-256) as an earlier one is pointed at the earliest such take.
 * Nothing is refused or removed: a band may want the same recording under
 * another song. Pure.
 */

/** The earlier take a duplicate points at, as the take's view carries it. */
export type DuplicateOf = { versionId: string; number: number; songId: string; songTitle: string };

export type HashedTake = { id: string; sha256: string | null; createdAt: Date };
export type HashedCandidate = HashedTake & { number: number; songId: string; songTitle: string };

/** Upload order: by time, then by id for takes of the same instant. */
const before = (a: HashedTake, b: HashedTake) => a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);

/**
 * For each take, the earliest other take of the band with the same hash that
 * came before it; takes with no hash, or the first of their bytes, have none.
 */
export function duplicatesOf(takes: readonly HashedTake[], candidates: readonly HashedCandidate[]): Map<string, DuplicateOf> {
  const earliest = new Map<string, HashedCandidate>();
  for (const candidate of candidates) {
    if (!candidate.sha256) continue;
    const known = earliest.get(candidate.sha256);
    if (!known || before(candidate, known)) earliest.set(candidate.sha256, candidate);
  }
  const found = new Map<string, DuplicateOf>();
  for (const take of takes) {
    const first = take.sha256 ? earliest.get(take.sha256) : undefined;
    if (!first || first.id === take.id || !before(first, take)) continue;
    found.set(take.id, { versionId: first.id, number: first.number, songId: first.songId, songTitle: first.songTitle });
  }
  return found;
}
