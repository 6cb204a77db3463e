"use client";

import { memo, useState, type ReactNode } from "react";
import { COMMENT_MAX } from "@/features/comments/comment.schema";
import { formatClock, formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { commentTimeLabel } from "../comment-order.rules";
import type { Mentionable } from "../mention.rules";
import { commentAnchor } from "@/features/player/deep-link";
import { CommentBody } from "./comment-body";
import type { CommentItem, CommentReply } from "./comments-panel";
import { MentionTextarea } from "./mention-textarea";
import { Alert } from "@/components/alert";

type Props = {
  bandId: string;
  versionId: string;
  comment: CommentItem;
  /** Under the playhead now. */
  active: boolean;
  members: readonly Mentionable[];
  onSeek: (seconds: number) => void;
  onLoop?: (start: number, end: number) => void;
  /** Loop the whole bars of a passage; only when the take's bars are known. */
  onLoopBars?: (start: number, end: number) => void;
  onDelete: (comment: CommentItem | CommentReply) => void;
  /** The take's length: times written in bodies within it seek the player. */
  takeSeconds?: number | null;
  /** This comment's or one of its replies' id, while a link or a pin shows it. */
  highlightedId?: string | null;
};

/** One top-level comment with its replies; re-renders only when its own data or `active` changes. */
export const CommentThread = memo(function CommentThread({ bandId, versionId, comment, active, members, onSeek, onLoop, onLoopBars, onDelete, takeSeconds, highlightedId }: Props) {
  const utils = api.useUtils();
  const refresh = () => utils.comment.list.invalidate({ bandId, versionId });
  const [replying, setReplying] = useState(false);
  const resolve = api.comment.resolve.useMutation({ onSuccess: refresh });
  const reply = api.comment.create.useMutation({
    onSuccess: async () => {
      setReplying(false);
      await refresh();
    },
  });
  const timeLabel = commentTimeLabel(comment, formatClock);
  const cls = ["comment", active ? "is-active" : "", comment.resolved ? "is-resolved" : "", highlightedId === comment.id ? "is-highlighted" : ""].filter(Boolean).join(" ");
  const bodyProps = { bandId, versionId, members, takeSeconds, onSeek };

  return (
    <li
      id={commentAnchor(comment.id)}
      // Focusable from script only: a link to the comment moves the focus here, so it is read out.
      tabIndex={-1}
      className={cls}
      data-testid="comment"
      data-comment-id={comment.id}
      data-highlighted={highlightedId === comment.id || undefined}
      aria-current={active ? "true" : undefined}
    >
      <div className="comment-head">
        {comment.atSeconds != null ? (
          <button
            type="button"
            className="timestamp"
            onClick={() => onSeek(comment.atSeconds!)}
            // The name starts with the visible time, so "click 1:05" works for voice control.
            aria-label={`${timeLabel}, play from here`}
            data-testid="comment-timestamp"
          >
            <span aria-hidden="true">▶</span> {timeLabel}
          </button>
        ) : (
          <span className="badge badge-neutral" data-testid="comment-general">
            General
          </span>
        )}
        <span className="comment-author">{comment.name}</span>
        <time className="small faint" dateTime={comment.createdAt.toISOString()} suppressHydrationWarning>
          {formatRelative(comment.createdAt)}
        </time>
        {comment.resolved ? <span className="badge badge-neutral">Resolved</span> : null}
      </div>
      <EditableBody {...bodyProps} item={comment}>
        {comment.atSeconds != null && comment.endSeconds != null && onLoop ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => onLoop(comment.atSeconds!, comment.endSeconds!)}>
            Loop this passage
          </button>
        ) : null}
        {comment.atSeconds != null && comment.endSeconds != null && onLoopBars ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => onLoopBars(comment.atSeconds!, comment.endSeconds!)}>
            Loop by bars
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={replying} onClick={() => setReplying((r) => !r)}>
          Reply
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ bandId, commentId: comment.id, resolved: !comment.resolved })}
        >
          {comment.resolved ? "Reopen" : "Resolve"}
        </button>
        {comment.canDelete ? (
          <button type="button" className="btn btn-ghost btn-sm comment-delete" onClick={() => onDelete(comment)} aria-label={`Delete comment by ${comment.name}`}>
            ✕
          </button>
        ) : null}
      </EditableBody>
      {resolve.error ? (
        <Alert as="p" tone="error" className="small">
          {userMessage(resolve.error)}
        </Alert>
      ) : null}
      {comment.replies.length > 0 ? (
        <ol className="comment-replies" aria-label={`Replies to ${comment.name}`}>
          {comment.replies.map((r) => (
            <li
              key={r.id}
              id={commentAnchor(r.id)}
              tabIndex={-1}
              className={`comment-reply${highlightedId === r.id ? " is-highlighted" : ""}`}
              data-testid="comment-reply"
              data-comment-id={r.id}
              data-highlighted={highlightedId === r.id || undefined}
            >
              <div className="comment-head">
                <span className="comment-author">{r.name}</span>
                <time className="small faint" dateTime={r.createdAt.toISOString()} suppressHydrationWarning>
                  {formatRelative(r.createdAt)}
                </time>
                {r.canDelete ? (
                  <button type="button" className="btn btn-ghost btn-sm comment-delete" onClick={() => onDelete(r)} aria-label={`Delete reply by ${r.name}`}>
                    ✕
                  </button>
                ) : null}
              </div>
              <EditableBody {...bodyProps} item={r} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <TextForm
          label={`Reply to ${comment.name}`}
          submitLabel="Reply"
          members={members}
          pending={reply.isPending}
          error={reply.error ? userMessage(reply.error) : null}
          onCancel={() => setReplying(false)}
          onSubmit={(body) => reply.mutate({ bandId, versionId, body, parentId: comment.id })}
        />
      ) : null}
    </li>
  );
});

/**
 * A comment's text and one row under it: "edited", for its author an Edit button that
 * swaps in a form, then the thread's own actions (`children`).
 */
function EditableBody({ bandId, versionId, item, members, takeSeconds, onSeek, children }: {
  bandId: string;
  versionId: string;
  item: CommentReply;
  members: readonly Mentionable[];
  takeSeconds?: number | null;
  onSeek: (seconds: number) => void;
  children?: ReactNode;
}) {
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const update = api.comment.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await utils.comment.list.invalidate({ bandId, versionId });
    },
  });
  if (editing) {
    return (
      <TextForm
        label="Edit your comment"
        submitLabel="Save"
        initial={item.body}
        members={members}
        pending={update.isPending}
        error={update.error ? userMessage(update.error) : null}
        onCancel={() => setEditing(false)}
        onSubmit={(body) => update.mutate({ bandId, commentId: item.id, body })}
      />
    );
  }
  return (
    <>
      <div className="comment-text">
        <CommentBody body={item.body} takeSeconds={takeSeconds} versionId={versionId} onSeek={onSeek} />
      </div>
      {item.edited || item.canEdit || children ? (
        <div className="comment-actions">
          {item.edited ? (
            <span className="small faint comment-edited" data-testid="comment-edited">
              edited
            </span>
          ) : null}
          {item.canEdit ? (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(true)} aria-label="Edit your comment">
              Edit
            </button>
          ) : null}
          {children}
        </div>
      ) : null}
    </>
  );
}

function TextForm(props: {
  label: string;
  submitLabel: string;
  initial?: string;
  members: readonly Mentionable[];
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (body: string) => void;
}) {
  const [value, setValue] = useState(props.initial ?? "");
  return (
    <form
      className="stack-sm comment-inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) props.onSubmit(value);
      }}
    >
      <MentionTextarea
        className="textarea"
        aria-label={props.label}
        maxLength={COMMENT_MAX}
        members={props.members}
        value={value}
        onValueChange={setValue}
        autoFocus
        onKeyDown={(e) => {
          if (e.key === "Escape") props.onCancel();
        }}
      />
      <div className="row" style={{ gap: 6, justifyContent: "flex-end" }}>
        <button type="button" className="btn btn-ghost btn-sm" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={props.pending || !value.trim()}>
          {props.submitLabel}
        </button>
      </div>
      {props.error ? (
        <Alert as="p" tone="error" className="small">
          {props.error}
        </Alert>
      ) : null}
    </form>
  );
}
