"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { createSongInput, songTitleSchema } from "@/features/songs/song.schema";
import { formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { Icon } from "@/components/icon";

type Song = RouterOutputs["song"]["list"][number];

/** The band page: every song with its takes, a way to add one, and the archive tucked away. */
export function SongsBoard({ bandId, initialSongs }: { bandId: string; initialSongs: Song[] }) {
  const songs = api.song.list.useQuery({ bandId, includeArchived: true }, { initialData: initialSongs });
  const all = songs.data ?? [];
  const active = all.filter((s) => !s.archivedAt);
  const archived = all.filter((s) => s.archivedAt);

  return (
    <div className="stack songs-board">
      <section className="card card-tight" aria-labelledby="new-song-heading">
        <h2 id="new-song-heading" className="visually-hidden">
          Add a song
        </h2>
        <CreateSongForm bandId={bandId} />
      </section>

      {songs.error ? (
        <p className="alert alert-error" role="alert">
          {userMessage(songs.error)}
        </p>
      ) : null}

      {active.length === 0 ? (
        <div className="empty-state">
          <div className="icon"><Icon name="music" size={28} /></div>
          <h2>{archived.length ? "No active songs" : "No songs yet"}</h2>
          <p>
            {archived.length
              ? "Everything is in the archive. Add a new song above, or bring one back."
              : "Add the first song you're working on, then upload a take from tonight's rehearsal."}
          </p>
        </div>
      ) : (
        <section aria-labelledby="songs-heading" className="stack-sm">
          <div className="row-between">
            <h2 id="songs-heading" style={{ margin: 0 }}>
              Songs <span className="count-pill">{active.length}</span>
            </h2>
            <span className="small faint">Most recently rehearsed first</span>
          </div>
          <ul className="list song-list" aria-label="Songs">
            {active.map((song) => (
              <SongRow key={song.id} bandId={bandId} song={song} />
            ))}
          </ul>
        </section>
      )}

      {archived.length > 0 ? (
        <details className="archive-section">
          <summary>
            Archived songs <span className="count-pill">{archived.length}</span>
          </summary>
          <ul className="list song-list" aria-label="Archived songs">
            {archived.map((song) => (
              <SongRow key={song.id} bandId={bandId} song={song} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function CreateSongForm({ bandId }: { bandId: string }) {
  const utils = api.useUtils();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = api.song.create.useMutation({
    onSuccess: async (_song, sent) => {
      // Keep whatever the user started typing while this one was saving.
      setTitle((current) => (current.trim() === sent.title ? "" : current));
      await utils.song.list.invalidate({ bandId });
    },
    onError: (e) => setError(userMessage(e)),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = createSongInput.safeParse({ title });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the title.");
      return;
    }
    setError(null);
    create.mutate({ bandId, ...parsed.data });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="stack-sm">
      <div className="form-row">
        <div className="field">
          <label htmlFor="song-title">New song</label>
          <input
            id="song-title"
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="e.g. Midnight Ferry"
            maxLength={120}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "song-title-error" : undefined}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add song"}
        </button>
      </div>
      {error ? (
        <p id="song-title-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function SongRow({ bandId, song }: { bandId: string; song: Song }) {
  const utils = api.useUtils();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(song.title);
  const [error, setError] = useState<string | null>(null);
  const update = api.song.update.useMutation({
    onSuccess: async () => {
      setRenaming(false);
      setError(null);
      await utils.song.list.invalidate({ bandId });
    },
    onError: (e) => setError(userMessage(e)),
  });

  function onRename(event: FormEvent) {
    event.preventDefault();
    const parsed = songTitleSchema.safeParse(title);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the title.");
      return;
    }
    if (parsed.data === song.title) {
      setRenaming(false);
      return;
    }
    update.mutate({ bandId, songId: song.id, title: parsed.data });
  }

  const inputId = `rename-${song.id}`;
  return (
    <li className="song-row" data-testid="song-row">
      {renaming ? (
        <form onSubmit={onRename} noValidate className="stack-sm">
          <label htmlFor={inputId} className="label">
            Rename “{song.title}”
          </label>
          <div className="form-row">
            <input
              id={inputId}
              className="input grow"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={120}
              autoFocus
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  setRenaming(false);
                  setTitle(song.title);
                  setError(null);
                }
              }}
              aria-invalid={error ? true : undefined}
            />
            <button type="submit" className="btn btn-primary btn-sm" disabled={update.isPending}>
              Save
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                setRenaming(false);
                setTitle(song.title);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="song-row-main">
          <Link href={`/bands/${bandId}/songs/${song.id}`} className="song-link">
            <span className="song-icon" aria-hidden="true">
              {song.versionCount > 0 ? "♪" : "+"}
            </span>
            <span className="grow">
              <span className="song-title truncate">{song.title}</span>
              <span className="song-meta small muted">
                {song.versionCount === 0 ? "No takes yet" : `${song.versionCount} ${song.versionCount === 1 ? "take" : "takes"}`}
                {song.latestVersionAt ? (
                  <>
                    {" · last take "}
                    <time dateTime={song.latestVersionAt.toISOString()} suppressHydrationWarning>
                      {formatRelative(song.latestVersionAt)}
                    </time>
                  </>
                ) : null}
                {song.bestVersionId ? <span className="best-dot"> · ★ best take picked</span> : null}
              </span>
            </span>
          </Link>
          <div className="song-actions">
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setRenaming(true)} aria-label={`Rename ${song.title}`}>
              Rename
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={update.isPending}
              onClick={() => update.mutate({ bandId, songId: song.id, archived: !song.archivedAt })}
              aria-label={`${song.archivedAt ? "Unarchive" : "Archive"} ${song.title}`}
            >
              {song.archivedAt ? "Unarchive" : "Archive"}
            </button>
          </div>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert" style={{ marginTop: 6 }}>
          {error}
        </p>
      ) : null}
    </li>
  );
}
