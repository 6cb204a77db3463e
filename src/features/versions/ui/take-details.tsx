"use client";

import { useRef, useState, type FormEvent } from "react";
import { updateVersionInput, VERSION_NOTES_MAX, VERSION_TITLE_MAX } from "@/features/versions/version.schema";
import type { VersionView } from "@/features/versions/version.view";
import { formatBytes, formatDateTime } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { takeLabel, uploaderName } from "./take-label";

type Props = {
  bandId: string;
  version: VersionView;
  number: number;
  onDeleted: (id: string) => void | Promise<void>;
};

/** What we know about the selected take, and — for its uploader or an admin — editing, best take and delete. */
export function TakeDetails({ bandId, version, number, onDeleted }: Props) {
  const utils = api.useUtils();
  const dialog = useRef<HTMLDialogElement>(null);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(version.title ?? "");
  const [notes, setNotes] = useState(version.notes ?? "");
  const [error, setError] = useState<string | null>(null);

  const refresh = async () => {
    await Promise.all([utils.version.list.invalidate({ bandId, songId: version.songId }), utils.song.invalidate()]);
  };
  const update = api.version.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      setError(null);
      await refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });
  const remove = api.version.delete.useMutation({
    onSuccess: async () => {
      dialog.current?.close();
      await onDeleted(version.id);
      await refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });

  function onSave(event: FormEvent) {
    event.preventDefault();
    const parsed = updateVersionInput.safeParse({ versionId: version.id, title, notes });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the title and notes.");
      return;
    }
    update.mutate({ bandId, versionId: version.id, title, notes });
  }

  const label = takeLabel(version, number);
  const format = [
    version.codec ?? version.contentType.replace(/^audio\//, "").toUpperCase(),
    version.sampleRate ? `${(version.sampleRate / 1000).toFixed(1).replace(/\.0$/, "")} kHz` : null,
    version.channels ? (version.channels === 1 ? "mono" : version.channels === 2 ? "stereo" : `${version.channels} ch`) : null,
    version.bitrate ? `${Math.round(version.bitrate / 1000)} kbps` : null,
  ].filter(Boolean);

  return (
    <section className="card take-details stack-sm" aria-labelledby="take-details-heading" data-testid="take-details">
      <div className="row-between" style={{ alignItems: "flex-start" }}>
        <div className="grow">
          <h2 id="take-details-heading" className="section-title" style={{ marginBottom: 2 }}>
            {label}
          </h2>
          <p className="small muted" style={{ margin: 0 }}>
            Uploaded by {uploaderName(version)} ·{" "}
            <time dateTime={version.createdAt.toISOString()} suppressHydrationWarning>
              {formatDateTime(version.createdAt)}
            </time>
          </p>
        </div>
        {version.canEdit ? (
          <button
            type="button"
            className={`btn btn-sm ${version.isBest ? "btn-best-on" : "btn-secondary"}`}
            aria-pressed={version.isBest}
            disabled={update.isPending}
            onClick={() => update.mutate({ bandId, versionId: version.id, isBest: !version.isBest })}
          >
            {version.isBest ? "★ Best take" : "☆ Mark as best take"}
          </button>
        ) : version.isBest ? (
          <span className="badge badge-best">★ Best take</span>
        ) : null}
      </div>

      {editing ? (
        <form onSubmit={onSave} noValidate className="stack-sm">
          <div className="field">
            <label htmlFor="take-title">Title</label>
            <input
              id="take-title"
              className="input"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={VERSION_TITLE_MAX}
              placeholder={`Take ${number}`}
            />
          </div>
          <div className="field">
            <label htmlFor="take-notes">Notes</label>
            <textarea id="take-notes" className="textarea" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={VERSION_NOTES_MAX} />
          </div>
          <div className="row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                setEditing(false);
                setTitle(version.title ?? "");
                setNotes(version.notes ?? "");
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : version.notes ? (
        <p className="take-notes">{version.notes}</p>
      ) : (
        <p className="small faint" style={{ margin: 0 }}>
          No notes for this take.
        </p>
      )}

      <dl className="take-facts small">
        <div>
          <dt>File</dt>
          <dd className="truncate" title={version.originalName}>
            {version.originalName}
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{format.join(" · ") || "—"}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(version.sizeBytes)}</dd>
        </div>
      </dl>

      <div className="row" style={{ gap: 8 }}>
        {/* The server names the file (song, take, original extension), so no download attribute overrides it. */}
        <a className="btn btn-ghost btn-sm take-download" href={`/api/versions/${version.id}/download`} data-testid="take-download">
          ⤓ Download original
        </a>
        {version.canEdit && !editing ? (
          <>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                setTitle(version.title ?? "");
                setNotes(version.notes ?? "");
                setEditing(true);
              }}
            >
              Edit title &amp; notes
            </button>
            <button type="button" className="btn btn-danger btn-sm" onClick={() => dialog.current?.showModal()}>
              Delete take
            </button>
          </>
        ) : null}
      </div>

      {error ? (
        <p className="alert alert-error" role="alert" style={{ margin: 0 }}>
          {error}
        </p>
      ) : null}

      <dialog ref={dialog} className="dialog" aria-labelledby="delete-take-heading">
        <h2 id="delete-take-heading">Delete “{label}”?</h2>
        <p className="muted">
          The recording and its {version.commentCount === 1 ? "comment" : `${version.commentCount} comments`} will be removed for everyone in the
          band. This cannot be undone.
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
            Keep it
          </button>
          <button
            type="button"
            className="btn btn-danger-solid"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ bandId, versionId: version.id })}
          >
            {remove.isPending ? "Deleting…" : "Delete take"}
          </button>
        </div>
      </dialog>
    </section>
  );
}
