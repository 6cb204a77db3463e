"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria } from "@/components/form-field";
import { uploadFieldsSchema, type UploadFields } from "@/features/takes/upload.schema";
import { formatBytes } from "@/lib/format-time";
import { preloadUploader, UploadCancelled, uploadTake, type UploadedTake, type UploadProgress } from "@/features/takes/upload-take";
import { VERSION_NOTES_MAX, VERSION_TITLE_MAX } from "@/features/takes/take.schema";
import { Icon } from "@/components/icon";
import { UploadProgress as UploadProgressBar } from "@/components/upload-progress";
import { addSample, type ProgressSample } from "@/lib/transfer-rate";
import { Alert } from "@/components/alert";
import { UPLOAD_ACCEPT, UPLOAD_HINT, VIDEO_NOTE } from "@/lib/upload-formats";
import type { DuplicateOf } from "@/features/takes/duplicate-takes.rules";
import { DuplicateLink } from "./duplicate-notice";

type Props = {
  bandId: string;
  songId: string;
  maxUploadMb: number;
  onUploaded: (take: UploadedTake) => void | Promise<void>;
};


type Phase = { kind: "idle" } | { kind: "uploading"; progress: UploadProgress; samples: ProgressSample[]; waiting: boolean } | { kind: "processing" };

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
  const [done, setDone] = useState<{ name: string; duplicateOf: DuplicateOf | null } | null>(null);
  const [dragging, setDragging] = useState(false);
  const busy = phase.kind !== "idle";

  // A file chosen before the page finished loading (a slow phone) is still the one chosen.
  useEffect(() => {
    const early = fileInput.current?.files?.[0];
    if (early) choose(early);
    // Once, on mount: later choices arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function choose(next: File | null) {
    if (next) preloadUploader();
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
    setPhase({ kind: "uploading", progress: { loaded: 0, total: file.size }, samples: [], waiting: false });
    try {
      const take = await uploadTake(
        { bandId, songId, file, title: fields.title ?? undefined, notes: fields.notes ?? undefined },
        {
          maxUploadMb,
          signal: controller.signal,
          onWaiting: (waiting) => setPhase((previous) => (previous.kind === "uploading" ? { ...previous, waiting, samples: waiting ? [] : previous.samples } : previous)),
          onProgress: (progress) =>
            // Once every byte is sent the server still moves the file and reads its metadata.
            setPhase((previous) => {
              if (progress.loaded >= progress.total) return { kind: "processing" };
              const samples = addSample(previous.kind === "uploading" ? previous.samples : [], { at: performance.now(), loaded: progress.loaded });
              return { kind: "uploading", progress, samples, waiting: previous.kind === "uploading" && previous.waiting };
            }),
        },
      );
      setFile(null);
      form.reset();
      setShowDetails(false);
      if (fileInput.current) fileInput.current.value = "";
      setDone({ name: file.name, duplicateOf: take.duplicateOf ?? null });
      await onUploaded(take);
    } catch (e) {
      if (e instanceof UploadCancelled) setError("Upload cancelled. Nothing was saved.");
      else setError(e instanceof Error ? e.message : "The upload failed. Please try again.");
    } finally {
      abort.current = null;
      setPhase({ kind: "idle" });
    }
  }

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
          accept={UPLOAD_ACCEPT}
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
          <span className="grow">
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
      <p id="upload-hint" className="hint m-0">
        {UPLOAD_HINT}, up to {maxUploadMb} MB. {VIDEO_NOTE}
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
          <UploadProgressBar
            label={file ? `Uploading “${file.name}”` : "Upload progress"}
            loaded={phase.kind === "uploading" ? phase.progress.loaded : (file?.size ?? 0)}
            total={phase.kind === "uploading" ? phase.progress.total : (file?.size ?? 0)}
            samples={phase.kind === "uploading" ? phase.samples : undefined}
            finishing={phase.kind === "processing" ? "Saving the take…" : undefined}
            waiting={phase.kind === "uploading" && phase.waiting}
            testId="upload-progress"
          />
          <div className="row-between small muted">
            {/* While it waits, the progress says so; otherwise, what happens if the connection drops. */}
            <span>{phase.kind === "uploading" && phase.waiting ? "" : "A dropped connection resumes by itself."}</span>
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
        <Alert as="p" tone="error" className="m-0">
          {error}
        </Alert>
      ) : null}
      {done?.duplicateOf ? (
        <Alert as="p" tone="warning" className="m-0" data-testid="upload-duplicate">
          “{done.name}” is uploaded, but it is the same audio as <DuplicateLink bandId={bandId} duplicateOf={done.duplicateOf} />. It is kept; delete it
          from the take if it was a mistake.
        </Alert>
      ) : done ? (
        <Alert as="p" tone="success" className="m-0">
          “{done.name}” is uploaded.
        </Alert>
      ) : null}
    </form>
  );
}
