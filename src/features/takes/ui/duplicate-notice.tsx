import type { DuplicateOf } from "@/features/takes/duplicate-takes.rules";

/**
 * "Take 2 of Song X", linked to that take on its song's page. A plain link: the
 * page opens on that take (`?take=`) even when it is the song already open,
 * whose client-side state a soft navigation would keep.
 */
export function DuplicateLink({ bandId, duplicateOf }: { bandId: string; duplicateOf: DuplicateOf }) {
  return (
    <a className="user-text" href={`/bands/${bandId}/songs/${duplicateOf.songId}?take=${duplicateOf.versionId}`} data-testid="duplicate-of-link">
      Take {duplicateOf.number} of {duplicateOf.songTitle}
    </a>
  );
}
