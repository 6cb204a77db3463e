import { Fragment, memo } from "react";
import { linkSegments } from "../link-segments.rules";

/** A comment's text: plain text nodes and safe http(s) links, never HTML. */
export const CommentBody = memo(function CommentBody({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {linkSegments(body).map((s, i) =>
        s.kind === "link" ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {s.text}
          </a>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </p>
  );
});
