"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { z } from "zod";
import { COMMENT_MAX, commentBodySchema } from "@/features/comments/comment.schema";
import { formatClock, formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";

const commentFields = z.object({ body: commentBodySchema });

export type CommentItem = RouterOutputs["comment"]["list"][number];

type Props = {
  bandId: string;
  versionId: string;
  comments: CommentItem[] | undefined;
  loading: boolean;
  loadError: unknown;
  /** The player's position now. */
  currentTime: number;
  onSeek: (seconds: number) => void;
};

function authorName(comment: CommentItem): string {
  const a = comment.author;
  if (!a) return "A former member";
  return a.name?.trim() || a.email.split("@")[0] || a.email;
}

/** The conversation about one take; a comment can point at a moment in it. */
export function CommentsPanel({ bandId, versionId, comments, loading, loadError, currentTime, onSeek }: Props) {
  const utils = api.useUtils();
  const [atTime, setAtTime] = useState(true);
  // The moment is taken when you start writing, not when you finish.
  const [pinned, setPinned] = useState<number | null>(null);
  const errorId = useId();
  const form = useForm({ resolver: zodResolver(commentFields), defaultValues: { body: "" } });
  const body = useWatch({ control: form.control, name: "body" }) ?? "";
  const moment = pinned ?? currentTime;

  const refresh = () => Promise.all([utils.comment.list.invalidate({ bandId, versionId }), utils.version.list.invalidate()]);
  const create = api.comment.create.useMutation({
    onSuccess: async () => {
      form.reset({ body: "" });
      setPinned(null);
      await refresh();
    },
    onError: showServerError(form.setError, "body"),
  });
  const [toDelete, setToDelete] = useState<CommentItem | null>(null);
  const remove = api.comment.delete.useMutation({
    onSuccess: async () => {
      setToDelete(null);
      await refresh();
    },
  });
  const error = form.formState.errors.body;

  const onSubmit = form.handleSubmit(({ body }) => create.mutate({ bandId, versionId, body, atSeconds: atTime ? moment : null }));
  const bodyField = form.register("body", {
    onChange: () => {
      if (!body && pinned == null) setPinned(currentTime);
    },
  });

  return (
    <section className="card stack-sm comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="section-title">
        Comments {comments?.length ? <span className="count-pill">{comments.length}</span> : null}
      </h2>

      {loading ? (
        <div className="stack-sm" role="status" aria-label="Loading comments">
          <div className="skeleton" />
          <div className="skeleton" style={{ width: "70%" }} />
        </div>
      ) : loadError ? (
        <p className="alert alert-error" role="alert">
          {userMessage(loadError)}
        </p>
      ) : comments && comments.length > 0 ? (
        <ol className="comment-list" aria-label="Comments on this take">
          {comments.map((comment) => (
            <li key={comment.id} className="comment" data-testid="comment">
              <div className="comment-head">
                {comment.atSeconds != null ? (
                  <button
                    type="button"
                    className="timestamp"
                    onClick={() => onSeek(comment.atSeconds!)}
                    // The name starts with the visible time, so "click 1:05" works for voice control.
                    aria-label={`${formatClock(comment.atSeconds)}, play from here`}
                    data-testid="comment-timestamp"
                  >
                    <span aria-hidden="true">▶</span> {formatClock(comment.atSeconds)}
                  </button>
                ) : null}
                <span className="comment-author">{authorName(comment)}</span>
                <time className="small faint" dateTime={comment.createdAt.toISOString()} suppressHydrationWarning>
                  {formatRelative(comment.createdAt)}
                </time>
                {comment.canDelete ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm comment-delete"
                    disabled={remove.isPending}
                    onClick={() => {
                      remove.reset();
                      setToDelete(comment);
                    }}
                    aria-label={`Delete comment by ${authorName(comment)}`}
                  >
                    ✕
                  </button>
                ) : null}
              </div>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="small faint" style={{ margin: 0 }}>
          No comments yet. Play the take and note what needs work — at the exact second.
        </p>
      )}

      <form onSubmit={onSubmit} noValidate className="stack-sm comment-form">
        <label htmlFor="comment-body" className="visually-hidden">
          Your comment
        </label>
        <textarea
          id="comment-body"
          className="textarea"
          maxLength={COMMENT_MAX}
          placeholder="e.g. Bass and kick drift apart here"
          onFocus={() => {
            if (!body) setPinned(currentTime);
          }}
          {...bodyField}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void onSubmit(e);
          }}
          {...fieldAria(error, errorId)}
        />
        <div className="row-between">
          <div className="row" style={{ gap: 6 }}>
            <label className="check">
              <input type="checkbox" checked={atTime} onChange={(e) => setAtTime(e.target.checked)} />
              <span>
                At <span className="mono" data-testid="comment-at">{formatClock(moment)}</span>
              </span>
            </label>
            {atTime && pinned != null && Math.abs(pinned - currentTime) >= 1 ? (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setPinned(currentTime)}>
                Use {formatClock(currentTime)}
              </button>
            ) : null}
          </div>
          <button type="submit" className="btn btn-primary btn-sm" disabled={create.isPending || !body.trim()}>
            {create.isPending ? "Posting…" : "Comment"}
          </button>
        </div>
        <FieldError id={errorId} error={error} />
      </form>

      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        pendingLabel="Deleting…"
        cancelLabel="Keep it"
        pending={remove.isPending}
        error={remove.error ? userMessage(remove.error) : null}
        onConfirm={() => toDelete && remove.mutate({ bandId, commentId: toDelete.id })}
        onClose={() => setToDelete(null)}
      >
        {toDelete ? <blockquote className="comment-quote">{toDelete.body}</blockquote> : null}
      </ConfirmDialog>
    </section>
  );
}
