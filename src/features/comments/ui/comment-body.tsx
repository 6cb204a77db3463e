import { Fragment, memo } from "react";
import { linkSegments } from "../link-segments.rules";

type Props = {
  body: string;
  /** The take's length: times written within it ("listen at 2:10") seek its player. */
  takeSeconds?: number | null;
  /** The take the comment is on, for a time's own link (opens that moment in a new tab too). */
  versionId?: string;
  onSeek?: (seconds: number) => void;
};

/** A comment's text: plain text nodes, safe http(s) links and times that seek the player, never HTML. */
export const CommentBody = memo(function CommentBody({ body, takeSeconds, versionId, onSeek }: Props) {
  const segments = linkSegments(body, { takeSeconds: onSeek && versionId ? takeSeconds : null });
  return (
    <p className="comment-body">
      {segments.map((s, i) =>
        s.kind === "link" ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {s.text}
          </a>
        ) : s.kind === "time" ? (
          <a
            key={i}
            className="time-link"
            href={`?take=${encodeURIComponent(versionId!)}&t=${s.seconds}`}
            aria-label={`${s.text}, play the take from this time`}
            data-testid="comment-time-link"
            onClick={(e) => {
              // A plain click seeks this page's player; a new tab or window opens the moment there.
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
              e.preventDefault();
              onSeek?.(s.seconds);
            }}
          >
            {s.text}
          </a>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </p>
  );
});
