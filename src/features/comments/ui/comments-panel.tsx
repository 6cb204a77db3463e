"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { COMMENT_MAX, commentBodySchema } from "@/features/comments/comment.schema";
import { formatClock } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { commentAnchor } from "@/features/player/deep-link";
import { commentAtTime } from "../comment-order.rules";
import type { Mentionable } from "../mention.rules";
import { CommentThread } from "./comment-thread";
import { MentionTextarea } from "./mention-textarea";
import { useCommentDraft } from "./use-comment-draft";
import { Alert } from "@/components/alert";

const commentFields = z.object({ body: commentBodySchema });

export type CommentItem = RouterOutputs["comment"]["list"][number];
export type CommentReply = CommentItem["replies"][number];

type Props = {
  bandId: string;
  versionId: string;
  comments: CommentItem[] | undefined;
  loading: boolean;
  loadError: unknown;
  /** The player's position now. */
  currentTime: number;
  /** The take has played or been seeked: until then a new comment is a general one. */
  heard: boolean;
  /** The take's length: times written in comments within it seek the player. */
  takeSeconds?: number | null;
  /** A comment to show: from a link (`reveal`: scrolled to and focused) or a pin on the waveform (highlighted where it is). */
  highlight?: CommentHighlight | null;
  onSeek: (seconds: number) => void;
  /** A passage chosen on the waveform: the next comment is about it. */
  passage?: { start: number; end: number } | null;
  onPassageDone?: () => void;
  /** Loop a comment's passage in the player. */
  onLoop?: (start: number, end: number) => void;
  /** Loop a comment's passage by whole bars (when the take's bars are known). */
  onLoopBars?: (start: number, end: number) => void;
};

/** A comment to point out; a new object each time, so the same comment can be shown again. */
export type CommentHighlight = { id: string; reveal: boolean };

/** How long a shown comment stays highlighted, unless the person acts before. */
const HIGHLIGHT_MS = 8000;

/**
 * Points out a comment once it is listed: highlighted for a while (until the next
 * tap or key), and for a link also scrolled into view and focused, so a screen
 * reader reads it. Returns the id highlighted now.
 */
function useHighlightedComment(highlight: CommentHighlight | null | undefined, listed: boolean): string | null {
  const [shown, setShown] = useState<CommentHighlight | null>(null);
  const [handled, setHandled] = useState<CommentHighlight | null>(null);
  // (State adjusted while rendering: a new highlight replaces the one shown.)
  if (highlight && listed && highlight !== handled) {
    setHandled(highlight);
    setShown(highlight);
  }
  useEffect(() => {
    if (!shown) return;
    const el = document.getElementById(commentAnchor(shown.id));
    if (!el) return;
    if (shown.reveal) {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    }
    const end = () => setShown(null);
    const timer = window.setTimeout(end, HIGHLIGHT_MS);
    // Listened for after this turn, so the tap that asked for it does not end it.
    const listen = window.setTimeout(() => {
      window.addEventListener("pointerdown", end, { once: true });
      window.addEventListener("keydown", end, { once: true });
    }, 0);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(listen);
      window.removeEventListener("pointerdown", end);
      window.removeEventListener("keydown", end);
    };
  }, [shown]);
  return shown?.id ?? null;
}

/** The band's members by display name, for "@" autocomplete. */
function useMentionables(bandId: string): Mentionable[] {
  const members = api.member.list.useQuery({ bandId }, { staleTime: 60_000 });
  return useMemo(
    () => (members.data ?? []).map((m) => ({ userId: m.userId, name: m.name?.trim() || m.email.split("@")[0] || m.email })),
    [members.data],
  );
}

/** The conversation about one take: moments, passages, general comments and their replies. */
export function CommentsPanel({ bandId, versionId, comments, loading, loadError, currentTime, heard, takeSeconds, highlight, onSeek, passage, onPassageDone, onLoop, onLoopBars }: Props) {
  const utils = api.useUtils();
  const members = useMentionables(bandId);
  const highlightedId = useHighlightedComment(highlight, !!comments?.length);
  // "At m:ss" is offered (ticked) once the take has played or been seeked; before that
  // the playhead's 0:00 means nothing, and a comment is a general one.
  const [atTime, setAtTime] = useState(true);
  // The moment is taken when you start writing, not when you finish.
  const [pinned, setPinned] = useState<number | null>(null);
  const errorId = useId();
  const form = useForm({ resolver: zodResolver(commentFields), defaultValues: { body: "" } });
  const body = useWatch({ control: form.control, name: "body" }) ?? "";
  const moment = pinned ?? currentTime;
  // Only the id changes as the playhead moves, so only two threads re-render.
  const activeId = comments ? commentAtTime(comments, currentTime) : null;

  const refresh = () => Promise.all([utils.comment.list.invalidate({ bandId, versionId }), utils.version.list.invalidate()]);
  const create = api.comment.create.useMutation({
    onSuccess: async () => {
      form.reset({ body: "" });
      setPinned(null);
      onPassageDone?.();
      await refresh();
    },
    onError: showServerError(form.setError, "body"),
  });
  const [toDelete, setToDelete] = useState<CommentItem | CommentReply | null>(null);
  const remove = api.comment.delete.useMutation({
    onSuccess: async () => {
      setToDelete(null);
      await refresh();
    },
  });
  const error = form.formState.errors.body;

  const onSubmit = form.handleSubmit(({ body }) =>
    create.mutate(
      passage
        ? { bandId, versionId, body, atSeconds: passage.start, endSeconds: passage.end }
        : { bandId, versionId, body, atSeconds: heard && atTime ? moment : null },
    ),
  );
  useCommentDraft(versionId, body, (draft) => form.setValue("body", draft));
  const { ref: bodyRef, name: bodyName, onBlur: bodyBlur } = form.register("body");
  const setBody = (value: string) => {
    if (!body && pinned == null && heard) setPinned(currentTime);
    form.setValue("body", value, { shouldValidate: form.formState.isSubmitted });
  };

  const count = comments ? comments.length + comments.reduce((n, c) => n + c.replies.length, 0) : 0;

  return (
    <section className="card stack-sm comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="section-title">
        Comments {count ? <span className="count-pill">{count}</span> : null}
      </h2>

      {loading ? (
        <div className="stack-sm" role="status" aria-label="Loading comments">
          <div className="skeleton" />
          <div className="skeleton" style={{ width: "70%" }} />
        </div>
      ) : loadError ? (
        <Alert as="p" tone="error">
          {userMessage(loadError)}
        </Alert>
      ) : comments && comments.length > 0 ? (
        <ol className="comment-list" aria-label="Comments on this take">
          {comments.map((comment) => (
            <CommentThread
              key={comment.id}
              bandId={bandId}
              versionId={versionId}
              comment={comment}
              active={comment.id === activeId}
              members={members}
              onSeek={onSeek}
              onLoop={onLoop}
              onLoopBars={onLoopBars}
              onDelete={setToDelete}
              takeSeconds={takeSeconds}
              highlightedId={highlightedId && (comment.id === highlightedId || comment.replies.some((r) => r.id === highlightedId)) ? highlightedId : null}
            />
          ))}
        </ol>
      ) : (
        <p className="small faint m-0">
          No comments yet. Play the take and note what needs work — at the exact second, or drag across the waveform for a passage.
        </p>
      )}

      <form onSubmit={onSubmit} noValidate className="stack-sm comment-form" data-testid="comment-form">
        <label htmlFor="comment-body" className="visually-hidden">
          Your comment
        </label>
        <MentionTextarea
          id="comment-body"
          className="textarea"
          maxLength={COMMENT_MAX}
          placeholder="e.g. Bass and kick drift apart here (@ to mention someone)"
          members={members}
          value={body}
          onValueChange={setBody}
          name={bodyName}
          ref={bodyRef}
          onBlur={bodyBlur}
          onFocus={() => {
            if (!body && heard) setPinned(currentTime);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void onSubmit(e);
          }}
          {...fieldAria(error, errorId)}
        />
        <div className="row-between">
          <div className="row" style={{ gap: 6 }}>
            {passage ? (
              <>
                <span className="small" data-testid="comment-passage">
                  Passage <span className="mono">{formatClock(passage.start)}–{formatClock(passage.end)}</span>
                </span>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => onPassageDone?.()}>
                  Not a passage
                </button>
              </>
            ) : !heard ? (
              <span className="small muted" data-testid="comment-general-note">
                General comment · play the take to note a moment
              </span>
            ) : (
              <>
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
              </>
            )}
          </div>
          <button type="submit" className="btn btn-primary btn-sm" disabled={create.isPending || !body.trim()}>
            {create.isPaused ? "Waiting to sync…" : create.isPending ? "Posting…" : "Comment"}
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
