"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { editVersionFields, VERSION_NOTES_MAX, VERSION_TITLE_MAX } from "@/features/takes/take.schema";
import type { VersionView } from "@/features/takes/take.view";
import { formatBytes, formatDateTime } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { DuplicateLink } from "./duplicate-notice";
import { takeLabel, uploaderName } from "./take-label";
import { Alert } from "@/components/alert";

type Props = {
  bandId: string;
  version: VersionView;
  number: number;
  onDeleted: (id: string) => void | Promise<void>;
};

/** What we know about the selected take, and — for its uploader or an admin — editing, best take and delete. */
export function TakeDetails({ bandId, version, number, onDeleted }: Props) {
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ids = { title: useId(), notes: useId(), titleError: useId(), notesError: useId(), error: useId() };
  const saved = { title: version.title ?? "", notes: version.notes ?? "" };
  const form = useForm({ resolver: zodResolver(editVersionFields), defaultValues: saved });

  const refresh = async () => {
    await Promise.all([utils.version.list.invalidate({ bandId, songId: version.songId }), utils.song.invalidate()]);
  };
  const update = api.version.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
    onError: showServerError(form.setError, "root.server", ["title", "notes"]),
  });
  const best = api.version.update.useMutation({ onSuccess: refresh });
  const retry = api.version.retryProcessing.useMutation({ onSuccess: refresh });
  const remove = api.version.delete.useMutation({
    onSuccess: async () => {
      setConfirmDelete(false);
      await onDeleted(version.id);
      await refresh();
    },
  });
  const { errors } = form.formState;
  const startEditing = (on: boolean) => {
    form.reset(saved);
    update.reset();
    setEditing(on);
  };
  // An empty field clears it: sent as "" so the schema stores null.
  const onSave = form.handleSubmit((fields) => update.mutate({ bandId, versionId: version.id, title: fields.title ?? "", notes: fields.notes ?? "" }));

  const label = takeLabel(version, number);
  const format = [
    version.codec ?? version.contentType.replace(/^audio\//, "").toUpperCase(),
    version.sampleRate ? `${(version.sampleRate / 1000).toFixed(1).replace(/\.0$/, "")} kHz` : null,
    version.bitDepth ? `${version.bitDepth}-bit` : null,
    version.channels ? (version.channels === 1 ? "mono" : version.channels === 2 ? "stereo" : `${version.channels} ch`) : null,
    version.bitrate ? `${Math.round(version.bitrate / 1000)} kbps` : null,
  ].filter(Boolean);

  return (
    <section className="card take-details stack-sm" aria-labelledby="take-details-heading" data-testid="take-details">
      <div className="row-between items-start">
        <div className="grow">
          <h2 id="take-details-heading" className="section-title user-text" style={{ marginBottom: 2 }}>
            {label}
          </h2>
          <p className="small muted m-0">
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
            disabled={best.isPending}
            onClick={() => best.mutate({ bandId, versionId: version.id, isBest: !version.isBest })}
          >
            {version.isBest ? "★ Best take" : "☆ Mark as best take"}
          </button>
        ) : version.isBest ? (
          <span className="badge badge-best">★ Best take</span>
        ) : null}
      </div>

      {version.duplicateOf ? (
        <Alert tone="warning" announce={false} className="stack-sm" data-testid="take-duplicate">
          <p className="m-0">
            <strong>Same audio as <DuplicateLink bandId={bandId} duplicateOf={version.duplicateOf} />.</strong> The same file was uploaded before; this copy is
            kept until someone deletes it.
          </p>
          {version.canEdit ? (
            <div>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                onClick={() => {
                  remove.reset();
                  setConfirmDelete(true);
                }}
              >
                Delete this duplicate
              </button>
            </div>
          ) : null}
        </Alert>
      ) : null}

      {version.processing === "FAILED" ? (
        <Alert tone="error" announce={false} className="stack-sm" data-testid="take-processing-failed">
          <p className="m-0">
            <strong>Processing failed.</strong> {version.processingError ?? "The file could not be processed."} The original still plays and downloads as
            uploaded.
          </p>
          {version.canRetryProcessing ? (
            <div>
              <button type="button" className="btn btn-secondary btn-sm" disabled={retry.isPending} onClick={() => retry.mutate({ bandId, versionId: version.id })}>
                {retry.isPending ? "Retrying…" : "Retry processing"}
              </button>
            </div>
          ) : null}
          {retry.error ? <p className="m-0">{userMessage(retry.error)}</p> : null}
        </Alert>
      ) : version.processing !== "READY" ? (
        <p className="small muted m-0" role="status" data-testid="take-processing-note">
          Processing… the waveform, loudness and a phone-friendly stream will appear here in a moment.
        </p>
      ) : null}

      {editing ? (
        <form onSubmit={onSave} noValidate className="stack-sm">
          <div className="field">
            <label htmlFor={ids.title}>Title</label>
            <input
              id={ids.title}
              className="input"
              maxLength={VERSION_TITLE_MAX}
              placeholder={`Take ${number}`}
              {...form.register("title")}
              {...fieldAria(errors.title, ids.titleError)}
            />
            <FieldError id={ids.titleError} error={errors.title} />
          </div>
          <div className="field">
            <label htmlFor={ids.notes}>Notes</label>
            <textarea id={ids.notes} className="textarea" maxLength={VERSION_NOTES_MAX} {...form.register("notes")} {...fieldAria(errors.notes, ids.notesError)} />
            <FieldError id={ids.notesError} error={errors.notes} />
          </div>
          <div className="row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save"}
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => startEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : version.notes ? (
        <p className="take-notes">{version.notes}</p>
      ) : (
        <p className="small faint m-0">
          No notes for this take.
        </p>
      )}

      <dl className="take-facts small">
        <div>
          <dt>File</dt>
          <dd className="truncate" title={version.originalName}>
            {version.originalName}
          </dd>
          {/* The download is the video as uploaded; the player streams its sound. */}
          {version.contentType.startsWith("video/") ? (
            <dd className="muted" data-testid="take-from-video">
              A video: only its sound plays here
            </dd>
          ) : null}
        </div>
        <div>
          <dt>Format</dt>
          <dd>{format.join(" · ") || "—"}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(version.sizeBytes)}</dd>
        </div>
        {version.analysis ? (
          <div>
            <dt>Music</dt>
            <dd data-testid="take-analysis">
              {Math.round(version.analysis.bpm)} BPM · {version.analysis.key}
            </dd>
          </div>
        ) : version.analysisState === "ABSENT" ? (
          <div>
            <dt>Music</dt>
            <dd className="muted" data-testid="take-analysis">
              Not analysed: {version.analysisReason ?? "there was no music to understand."}
            </dd>
          </div>
        ) : null}
        {version.loudnessLufs !== null ? (
          <div>
            <dt>Loudness</dt>
            <dd data-testid="take-loudness">
              {version.loudnessLufs.toFixed(1)} LUFS{version.truePeakDb !== null ? ` · peak ${version.truePeakDb.toFixed(1)} dBTP` : ""}
            </dd>
          </div>
        ) : null}
      </dl>

      <div className="row" style={{ gap: 8 }}>
        {/* The server names the file (song, take, original extension), so no download attribute overrides it. */}
        <a className="btn btn-ghost btn-sm take-download" href={`/api/versions/${version.id}/download`} data-testid="take-download">
          ⤓ Download original
        </a>
        {version.canEdit && !editing ? (
          <>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => startEditing(true)}>
              Edit title &amp; notes
            </button>
            <button
              type="button"
              className="btn btn-danger btn-sm"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete take
            </button>
          </>
        ) : null}
      </div>

      <FieldError id={ids.error} error={errors.root?.server ?? (best.error ? { message: userMessage(best.error) } : undefined)} className="alert alert-error" />

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete “${label}”?`}
        confirmLabel="Delete take"
        pendingLabel="Deleting…"
        cancelLabel="Keep it"
        pending={remove.isPending}
        error={remove.error ? userMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ bandId, versionId: version.id })}
        onClose={() => setConfirmDelete(false)}
      >
        <p>
          The recording and its {version.commentCount === 1 ? "comment" : `${version.commentCount} comments`} will be removed for everyone in the
          band. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
