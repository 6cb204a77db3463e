/** Where each member left each take, kept in this browser. */
const PREFIX = "rh:place:";

export function placeKey(userId: string, versionId: string): string {
  return `${PREFIX}${userId}:${versionId}`;
}

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The remembered place, or null; a place within the last seconds of the take means it was heard to the end. */
export function readPlace(storage: StorageLike, userId: string, versionId: string, duration?: number | null): number | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(placeKey(userId, versionId));
  } catch {
    return null;
  }
  const value = raw == null ? NaN : Number(raw);
  if (!Number.isFinite(value) || value <= 0) return null;
  if (duration && value >= duration - 2) return null;
  return value;
}

export function writePlace(storage: StorageLike, userId: string, versionId: string, seconds: number): void {
  try {
    if (seconds > 0.5) storage.setItem(placeKey(userId, versionId), String(Math.round(seconds * 10) / 10));
    else storage.removeItem(placeKey(userId, versionId));
  } catch {
    // A full or blocked storage only loses the convenience.
  }
}
