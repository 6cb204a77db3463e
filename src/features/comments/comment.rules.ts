import { hasAtLeastRole, type BandRole } from "@/lib/roles";

/** Slack for a duration read from file metadata, which can be a few ms short of what a player reports. */
const DURATION_TOLERANCE_SECONDS = 0.5;

/**
 * A comment's timestamp must fall inside the take. The duration is unknown for
 * some files; then any non-negative time is accepted. Returns a message, or null when fine.
 */
export function timestampProblem(atSeconds: number, durationSeconds: number | null | undefined): string | null {
  if (!Number.isFinite(atSeconds) || atSeconds < 0) return "The timestamp cannot be before the start of the take.";
  if (durationSeconds != null && atSeconds > durationSeconds + DURATION_TOLERANCE_SECONDS) {
    return "That timestamp is past the end of the take.";
  }
  return null;
}

/** Stored to the hundredth of a second: finer than anyone can point at by ear. */
export function normaliseTimestamp(atSeconds: number, durationSeconds: number | null | undefined): number {
  const clamped = durationSeconds != null ? Math.min(atSeconds, durationSeconds) : atSeconds;
  return Math.round(clamped * 100) / 100;
}

/** Who may delete a comment: its author, or an admin or owner. */
export function canDeleteComment({ role, isAuthor }: { role: BandRole; isAuthor: boolean }): boolean {
  return isAuthor || hasAtLeastRole(role, "ADMIN");
}
