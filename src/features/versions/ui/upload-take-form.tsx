"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, useState, type DragEvent } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria } from "@/components/form-field";
import { uploadFieldsSchema, type UploadFields } from "@/features/audio/upload.schema";
import { formatBytes } from "@/lib/format-time";
import { UploadCancelled, uploadTake, type UploadedTake, type UploadProgress } from "@/features/versions/upload-take";
import { VERSION_NOTES_MAX, VERSION_TITLE_MAX } from "@/features/versions/version.schema";
import { Icon } from "@/components/icon";

type Props = {
  bandId: string;
  songId: string;
  maxUploadMb: number;
  onUploaded: (take: UploadedTake) => void | Promise<void>;
};

const ACCEPT = "audio/*,.mp3,.wav,.flac,.ogg,.opus,.m4a,.aac,.webm";

type Phase = { kind: "idle" } | { kind: "uploading"; progress: UploadProgress } | { kind: "processing" };

/** Choose or drop a recording, optionally name it, and watch it go up. */
export function UploadTakeForm({ bandId, songId, maxUploadMb, onUploaded }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  // The upload route checks its multipart text fields with this very schema.
  const form = useForm({ resolver: zodResolver(uploadFieldsSchema), defaultValues: { title: "", notes: "" } });
  const { errors } = form.formState;
  const ids = { title: useId(), notes: useId(), titleError: useId(), notesError: useId() };
  const [showDetails, setShowDetails] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const busy = phase.kind !== "idle";

  function choose(next: File | null) {
    setDone(null);
    setError(null);
    setFile(next);
    if (next && next.size > maxUploadMb * 1024 * 1024) {
      setError(`That file is too large (${formatBytes(next.size)}): the maximum is ${maxUploadMb} MB.`);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  }

  async function upload(fields: UploadFields) {
    if (!file) {
      setError("Choose a recording to upload first.");
      return;
    }
    if (file.size > maxUploadMb * 1024 * 1024) {
      setError(`That file is too large (${formatBytes(file.size)}): the maximum is ${maxUploadMb} MB.`);
      return;
    }
    setError(null);
    setDone(null);
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: "uploading", progress: { loaded: 0, total: file.size } });
    try {
      const take = await uploadTake(
        { bandId, songId, file, title: fields.title ?? undefined, notes: fields.notes ?? undefined },
        {
          maxUploadMb,
          signal: controller.signal,
          onProgress: (progress) =>
            // Once every byte is sent the server still reads the file's metadata.
            setPhase(progress.loaded >= progress.total ? { kind: "processing" } : { kind: "uploading", progress }),
        },
      );
      setFile(null);
      form.reset();
      setShowDetails(false);
      if (fileInput.current) fileInput.current.value = "";
      setDone(`“${file.name}” is uploaded.`);
      await onUploaded(take);
    } catch (e) {
      if (e instanceof UploadCancelled) setError("Upload cancelled. Nothing was saved.");
      else setError(e instanceof Error ? e.message : "The upload failed. Please try again.");
    } finally {
      abort.current = null;
      setPhase({ kind: "idle" });
    }
  }

  const percent =
    phase.kind === "uploading" && phase.progress.total > 0 ? Math.floor((phase.progress.loaded / phase.progress.total) * 100) : phase.kind === "processing" ? 100 : 0;

  return (
    <form onSubmit={(event) => void form.handleSubmit(upload)(event)} noValidate className="stack-sm upload-form" aria-labelledby="upload-heading">
      <h2 id="upload-heading" className="section-title">
        Upload a take
      </h2>
      <label
        className={`dropzone${dragging ? " is-dragging" : ""}${file ? " has-file" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className="visually-hidden"
          disabled={busy}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          aria-describedby="upload-hint"
          data-testid="upload-file"
        />
        <span className="dropzone-icon" aria-hidden="true">
          {file ? <Icon name="headphones" size={22} /> : <Icon name="upload" size={22} />}
        </span>
        {file ? (
          <span className="grow" style={{ minWidth: 0 }}>
            <span className="dropzone-file truncate">{file.name}</span>
            <span className="small muted">{formatBytes(file.size)} · click to choose another</span>
          </span>
        ) : (
          <span className="grow">
            <span className="dropzone-title">Choose a recording</span>
            <span className="small muted">or drop it here</span>
          </span>
        )}
      </label>
      <p id="upload-hint" className="hint" style={{ margin: 0 }}>
        MP3, WAV, AIFF, FLAC, Ogg/Opus, M4A/AAC or WebM audio, up to {maxUploadMb} MB.
      </p>

      {showDetails ? (
        <div className="stack-sm">
          <div className="field">
            <label htmlFor={ids.title}>Title (optional)</label>
            <input
              id={ids.title}
              className="input"
              maxLength={VERSION_TITLE_MAX}
              placeholder="e.g. Slower, with the new bridge"
              readOnly={busy}
              {...form.register("title")}
              {...fieldAria(errors.title, ids.titleError)}
            />
            <FieldError id={ids.titleError} error={errors.title} />
          </div>
          <div className="field">
            <label htmlFor={ids.notes}>Notes (optional)</label>
            <textarea
              id={ids.notes}
              className="textarea"
              maxLength={VERSION_NOTES_MAX}
              placeholder="What changed, who's on which part…"
              readOnly={busy}
              {...form.register("notes")}
              {...fieldAria(errors.notes, ids.notesError)}
            />
            <FieldError id={ids.notesError} error={errors.notes} />
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-ghost btn-sm" style={{ alignSelf: "flex-start" }} onClick={() => setShowDetails(true)} disabled={busy}>
          + Add a title or notes
        </button>
      )}

      {busy ? (
        <div className="stack-sm" aria-live="polite">
          <div
            className="progress"
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            data-testid="upload-progress"
          >
            <div className={`progress-bar${phase.kind === "processing" ? " is-processing" : ""}`} style={{ width: `${percent}%` }} />
          </div>
          <div className="row-between small muted">
            <span>
              {phase.kind === "processing"
                ? "Reading the recording…"
                : phase.kind === "uploading"
                  ? `Uploading ${percent}% · ${formatBytes(phase.progress.loaded)} of ${formatBytes(phase.progress.total)}`
                  : null}
            </span>
            {phase.kind === "uploading" ? (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={!file}>
          Upload take
        </button>
      )}

      {error ? (
        <p className="alert alert-error" role="alert" style={{ margin: 0 }}>
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="alert alert-success" role="status" style={{ margin: 0 }}>
          {done}
        </p>
      ) : null}
    </form>
  );
}
