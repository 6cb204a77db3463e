"use client";

import Link from "next/link";
import pLimit, { type LimitFunction } from "p-limit";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { Icon } from "@/components/icon";
import { SONG_TITLE_MAX } from "@/features/songs/song.schema";
import { suggestSong, type SongChoice } from "@/features/songs/suggest-song";
import {
  isBusy,
  isPending,
  isRefusedFile,
  notUploaded,
  overallProgress,
  PARALLEL_UPLOADS,
  pointAtCreatedSong,
  rowsForFiles,
  songsToCreate,
  summarise,
  summarySentence,
  type RowState,
  type UploadRow,
  type UploadTarget,
} from "@/features/takes/rehearsal-upload.rules";
import { preloadUploader, UploadCancelled, UploadError, uploadTake, type TakeSong, type UploadedTake } from "@/features/takes/upload-take";
import { UploadProgress } from "@/components/upload-progress";
import { formatBytes } from "@/lib/format-time";
import { addSample, type ProgressSample } from "@/lib/transfer-rate";
import { api } from "@/trpc/react";
import { Alert } from "@/components/alert";
import { UPLOAD_ACCEPT, VIDEO_NOTE } from "@/lib/upload-formats";
import { DuplicateLink } from "./duplicate-notice";

type Props = { bandId: string; songs: SongChoice[]; maxUploadMb: number };

const NEW_SONG = "new";

/** Every recording of a rehearsal at once: each file goes to the song its name suggests, or one you pick. */
export function RehearsalUpload({ bandId, songs, maxUploadMb }: Props) {
  const utils = api.useUtils();
  const [rows, setRows] = useState<UploadRow[]>([]);
  const files = useRef(new Map<string, File>());
  const [running, setRunning] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const maxBytes = maxUploadMb * 1024 * 1024;

  const summary = summarise(rows);
  const progress = overallProgress(rows);
  const failures = notUploaded(rows);
  // Failed files a retry may get past (a refused file is only removed).
  const retryable = rows.filter((row) => row.state.kind === "failed" && isPending(row)).length;
  const waitingForNetwork = rows.some((row) => row.state.kind === "uploading" && row.state.waiting === true);
  const started = rows.some((row) => row.state.kind !== "waiting");
  // Recent overall progress, for the speed and time left of the whole batch.
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  useEffect(() => {
    if (!running) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a sample per progress event, recorded as it happens
    setSamples((previous) => addSample(previous, { at: performance.now(), loaded: progress.loaded }));
  }, [running, progress.loaded]);

  useEffect(() => {
    if (!running && !isBusy(rows)) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [running, rows]);

  function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    preloadUploader();
    const chosen = [...list];
    const tooLarge = chosen.filter((file) => file.size > maxBytes);
    setRefused(tooLarge.map((file) => `“${file.name}” is too large (${formatBytes(file.size)}): the maximum is ${maxUploadMb} MB.`));
    const accepted = chosen.filter((file) => file.size <= maxBytes);
    const added = rowsForFiles(accepted, songs, () => crypto.randomUUID());
    added.forEach((row, i) => files.current.set(row.id, accepted[i]!));
    setRows((current) => [...current, ...added]);
    if (input.current) input.current.value = "";
  }

  function update(id: string, change: Partial<Pick<UploadRow, "target" | "state">>) {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));
  }

  function remove(id: string) {
    files.current.delete(id);
    setRows((current) => current.filter((row) => row.id !== id));
  }

  function clear() {
    files.current.clear();
    setRows([]);
    setRefused([]);
  }

  /**
   * Uploads the given rows two at a time. A file for a new song names the song
   * by its title and the server creates it with the take, once the file is
   * accepted; the other files for that song wait for the first one accepted
   * and then go to the song it made.
   */
  async function run(batch: UploadRow[]) {
    if (batch.length === 0) return;
    setRunning(true);
    try {
      const { keyOfRow } = songsToCreate(batch);
      const limit = pLimit(PARALLEL_UPLOADS);
      const groups = new Map<string, UploadRow[]>();
      const jobs: Promise<unknown>[] = [];
      // In the rows' order, so the first files in the list go first; a group's later rows join it before it looks at them.
      for (const row of batch) {
        const key = keyOfRow.get(row.id);
        if (key === undefined) {
          if (row.target.kind === "existing") {
            const songId = row.target.songId;
            jobs.push(limit(() => send(row, { songId })));
          }
          continue;
        }
        const group = groups.get(key);
        if (group) group.push(row);
        else {
          const rowsOfSong = [row];
          groups.set(key, rowsOfSong);
          jobs.push(sendToNewSong(key, rowsOfSong, limit));
        }
      }
      await Promise.all(jobs);
    } finally {
      setRunning(false);
      void utils.song.list.invalidate({ bandId });
    }
  }

  /** The files for one new song: one at a time until one is accepted (it creates the song), then the rest to that song. */
  async function sendToNewSong(key: string, rowsOfSong: UploadRow[], limit: LimitFunction) {
    let songId: string | null = null;
    const followers: Promise<unknown>[] = [];
    for (const row of rowsOfSong) {
      const known = songId;
      if (known !== null) {
        followers.push(limit(() => send(row, { songId: known })));
        continue;
      }
      const title = row.target.kind === "new" ? row.target.title.trim() : "";
      const take = await limit(() => send(row, { newSongTitle: title }));
      if (take) {
        songId = take.songId;
        setRows((current) => pointAtCreatedSong(current, key, take.songId));
        void utils.song.list.invalidate({ bandId });
      }
    }
    await Promise.all(followers);
  }

  async function send(row: UploadRow, song: TakeSong): Promise<UploadedTake | null> {
    const file = files.current.get(row.id);
    if (!file) return null;
    let waiting = false;
    let loaded = 0;
    const show = () => update(row.id, { state: { kind: "uploading", loaded, waiting } });
    show();
    try {
      const take = await uploadTake(
        { bandId, file, ...song },
        {
          maxUploadMb,
          onProgress: (p) => {
            loaded = p.loaded;
            show();
          },
          onWaiting: (next) => {
            waiting = next;
            show();
          },
        },
      );
      update(row.id, { state: { kind: "done", songId: take.songId, takeId: take.id, duplicateOf: take.duplicateOf ?? null } });
      return take;
    } catch (error) {
      const message = error instanceof UploadCancelled ? "The upload was cancelled." : error instanceof Error ? error.message : "The upload failed. Please try again.";
      update(row.id, { state: { kind: "failed", message, refused: error instanceof UploadError && isRefusedFile(error.status) } });
      return null;
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (!running) add(event.dataTransfer.files);
  }

  const songTitle = (id: string) => songs.find((s) => s.id === id)?.title;

  return (
    <section
      className="stack-sm rehearsal-upload"
      aria-labelledby="rehearsal-heading"
      onDragOver={(e) => {
        e.preventDefault();
        if (!running) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h2 id="rehearsal-heading" className="section-title">
        Upload a rehearsal
      </h2>
      <label className={`dropzone${dragging ? " is-dragging" : ""}`}>
        <input
          ref={input}
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          className="visually-hidden"
          disabled={running}
          onChange={(e) => add(e.target.files)}
          aria-describedby={hintId}
          data-testid="rehearsal-files"
        />
        <span className="dropzone-icon" aria-hidden="true">
          <Icon name="upload" size={22} />
        </span>
        <span className="grow">
          <span className="dropzone-title">{rows.length ? "Add more recordings" : "Choose recordings"}</span>
          <span className="small muted">or drop a whole rehearsal here</span>
        </span>
      </label>
      <p id={hintId} className="hint m-0">
        Each file becomes a take of the song its name suggests; change any before uploading. Audio or video files, up to {maxUploadMb} MB a file. {VIDEO_NOTE}
      </p>

      {refused.map((message) => (
        <Alert key={message} as="p" tone="error" className="m-0">
          {message}
        </Alert>
      ))}

      {rows.length > 0 ? (
        <>
          <ul className="list rehearsal-rows" aria-label="Files to upload">
            {rows.map((row) => (
              <FileRow
                key={row.id}
                bandId={bandId}
                row={row}
                songs={songs}
                locked={running || row.state.kind === "uploading" || row.state.kind === "done"}
                songTitle={songTitle}
                onTarget={(target) => update(row.id, { target })}
                onRemove={() => remove(row.id)}
                onRetry={() => void run([row])}
              />
            ))}
          </ul>

          {started ? (
            <UploadProgress loaded={progress.loaded} total={progress.total} samples={samples} waiting={waitingForNetwork} label="Rehearsal upload progress" testId="rehearsal-progress" />
          ) : null}
          <p className="small muted m-0" aria-live="polite" data-testid="rehearsal-summary">
            {summarySentence(summary)}
          </p>
          {failures.length > 0 && !running ? (
            <div className="stack-sm rehearsal-not-uploaded" data-testid="rehearsal-not-uploaded">
              <p className="small m-0">
                <strong>Not uploaded</strong>
              </p>
              <ul className="small m-0 rehearsal-not-uploaded-list">
                {failures.map((failure) => (
                  <li key={failure.id}>
                    <strong>{failure.name}</strong>: {failure.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <div className="row rehearsal-actions">
            {summary.waiting > 0 || (retryable > 0 && !running) ? (
              <button type="button" className="btn btn-primary" disabled={running} onClick={() => void run(rows.filter(isPending))}>
                {running ? "Uploading…" : summary.waiting > 0 ? `Upload all (${summary.waiting + retryable})` : "Retry failed"}
              </button>
            ) : null}
            {!running && !isBusy(rows) ? (
              <button type="button" className="btn btn-ghost" onClick={clear}>
                {summary.done === summary.total ? "Clear the list" : "Remove all"}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

type RowProps = {
  bandId: string;
  row: UploadRow;
  songs: SongChoice[];
  locked: boolean;
  songTitle: (id: string) => string | undefined;
  onTarget: (target: UploadTarget) => void;
  onRemove: () => void;
  onRetry: () => void;
};

function FileRow({ bandId, row, songs, locked, songTitle, onTarget, onRemove, onRetry }: RowProps) {
  const selectId = useId();
  const titleId = useId();
  const value = row.target.kind === "existing" ? row.target.songId : NEW_SONG;
  const newTitle = row.target.kind === "new" ? row.target.title : suggestSong(row.name, []).title;
  // A song created during this batch is not in the list yet: name it from the row's own knowledge.
  const knownSong = row.target.kind === "existing" && !songs.some((s) => s.id === (row.target as { songId: string }).songId);

  return (
    <li className="rehearsal-row" data-testid="rehearsal-row" data-state={row.state.kind}>
      <div className="rehearsal-row-head">
        <span className="grow">
          <span className="rehearsal-file truncate">{row.name}</span>
          <span className="small muted">{formatBytes(row.size)}</span>
        </span>
        <RowStatus state={row.state} size={row.size} />
      </div>
      {row.state.kind === "done" ? (
        <div className="rehearsal-destination small">
          <span>
            Take of <strong>{songTitle(row.state.songId) ?? newTitle}</strong>
          </span>
          <Link href={`/bands/${bandId}/songs/${row.state.songId}?take=${row.state.takeId}`} className="btn btn-ghost btn-sm">
            Open the take
          </Link>
          {row.state.duplicateOf ? (
            <Alert as="p" tone="warning" announce={false} className="m-0 rehearsal-duplicate" data-testid="rehearsal-duplicate">
              Same audio as <DuplicateLink bandId={bandId} duplicateOf={row.state.duplicateOf} />: this file was uploaded before.
            </Alert>
          ) : null}
        </div>
      ) : (
      <div className="rehearsal-row-fields">
        <div className="field grow">
          <label htmlFor={selectId} className="visually-hidden">
            Song for {row.name}
          </label>
          <select
            id={selectId}
            className="select"
            value={value}
            disabled={locked}
            data-testid="rehearsal-song"
            onChange={(e) => onTarget(e.target.value === NEW_SONG ? { kind: "new", title: newTitle } : { kind: "existing", songId: e.target.value })}
          >
            {songs.map((song) => (
              <option key={song.id} value={song.id}>
                {song.title}
              </option>
            ))}
            {knownSong ? <option value={value}>{songTitle(value) ?? newTitle}</option> : null}
            <option value={NEW_SONG}>New song: {newTitle}</option>
          </select>
        </div>
        {row.target.kind === "new" && !locked ? (
          <div className="field grow">
            <label htmlFor={titleId} className="visually-hidden">
              New song title for {row.name}
            </label>
            <input
              id={titleId}
              className="input"
              maxLength={SONG_TITLE_MAX}
              value={row.target.title}
              onChange={(e) => onTarget({ kind: "new", title: e.target.value })}
              aria-invalid={row.target.title.trim() === "" ? true : undefined}
            />
          </div>
        ) : null}
        {row.state.kind === "waiting" && !locked ? (
          <button type="button" className="btn btn-ghost" onClick={onRemove} aria-label={`Remove ${row.name}`}>
            <Icon name="x" size={18} aria-hidden="true" /> Remove
          </button>
        ) : null}
      </div>
      )}
      {row.state.kind === "failed" ? (
        <div className="rehearsal-failure">
          <p className="field-error m-0" role="alert">
            {row.state.message}
          </p>
          {!locked ? (
            <div className="row">
              {row.state.refused ? null : (
                <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry} aria-label={`Retry ${row.name}`}>
                  Retry
                </button>
              )}
              <button type="button" className="btn btn-ghost btn-sm" onClick={onRemove} aria-label={`Remove ${row.name}`}>
                Remove
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function RowStatus({ state, size }: { state: RowState; size: number }) {
  switch (state.kind) {
    case "waiting":
      return <span className="badge badge-neutral" data-testid="rehearsal-row-status">Waiting</span>;
    case "uploading": {
      if (state.waiting) return <span className="badge badge-warning" data-testid="rehearsal-row-status">Waiting for the network</span>;
      const percent = size > 0 ? Math.min(100, Math.floor((state.loaded / size) * 100)) : 0;
      return <span className="badge badge-warning" data-testid="rehearsal-row-status">{percent >= 100 ? "Saving…" : `Uploading ${percent}%`}</span>;
    }
    case "done":
      return <span className="badge badge-success" data-testid="rehearsal-row-status">✓ Uploaded</span>;
    case "failed":
      return <span className="badge badge-danger" data-testid="rehearsal-row-status">Failed</span>;
  }
}
