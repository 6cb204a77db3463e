"use client";

import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useId, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { SONG_TITLE_MAX, createSongInput, renameSongFields } from "@/features/songs/song.schema";
import { formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { Icon } from "@/components/icon";
import { UndoToast } from "@/components/undo-toast";
import { filterAndSortSongs, type SongSort } from "@/features/songs/songs-board.rules";
import { SongStatusBadge } from "./song-status-badge";
import { SongsToolbar } from "./songs-toolbar";
import { Alert } from "@/components/alert";

type Song = RouterOutputs["song"]["list"][number];

/**
 * The band page: every song with its takes, a way to add one, and the archive tucked away.
 * `rehearsalUpload` draws the whole-rehearsal upload for the active songs (the page composes it).
 */
export function SongsBoard({ bandId, initialSongs, rehearsalUpload }: { bandId: string; initialSongs: Song[]; rehearsalUpload: (songs: { id: string; title: string }[]) => ReactNode }) {
  const songs = api.song.list.useQuery({ bandId, includeArchived: true }, { initialData: initialSongs });
  const all = songs.data ?? [];
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SongSort>("latest");
  const [archivedNow, setArchivedNow] = useState<Song | null>(null);
  const closeUndo = useCallback(() => setArchivedNow(null), []);
  const utils = api.useUtils();
  const unarchive = api.song.update.useMutation({
    onSuccess: async () => {
      setArchivedNow(null);
      await utils.song.list.invalidate({ bandId });
    },
  });
  const activeAll = all.filter((s) => !s.archivedAt);
  const active = filterAndSortSongs(activeAll, { query, sort });
  const archived = all.filter((s) => s.archivedAt);

  return (
    <div className="stack songs-board">
      <section className="card card-tight" aria-labelledby="new-song-heading">
        <h2 id="new-song-heading" className="visually-hidden">
          Add a song
        </h2>
        <CreateSongForm bandId={bandId} />
      </section>

      <section className="card card-tight">
        {rehearsalUpload(activeAll.map(({ id, title }) => ({ id, title })))}
      </section>

      {songs.error ? (
        <Alert as="p" tone="error">
          {userMessage(songs.error)}
        </Alert>
      ) : null}

      {activeAll.length === 0 ? (
        <div className="empty-state">
          <div className="icon"><Icon name="music" size={28} /></div>
          <h2>{archived.length ? "No active songs" : "No songs yet"}</h2>
          <p>
            {archived.length
              ? "Everything is in the archive. Add a new song above, or bring one back."
              : "Add the first song you're working on, or upload tonight's rehearsal above: each recording becomes a take of its song."}
          </p>
        </div>
      ) : (
        <section aria-labelledby="songs-heading" className="stack-sm">
          <div className="row-between">
            <h2 className="m-0" id="songs-heading">
              Songs <span className="count-pill">{activeAll.length}</span>
            </h2>
          </div>
          <SongsToolbar query={query} sort={sort} onQuery={setQuery} onSort={setSort} />
          {active.length === 0 ? (
            <p className="muted" role="status">
              No song matches “{query.trim()}”.
            </p>
          ) : (
            <ul className="list song-list" aria-label="Songs">
              {active.map((song) => (
                <SongRow key={song.id} bandId={bandId} song={song} onArchived={setArchivedNow} />
              ))}
            </ul>
          )}
        </section>
      )}

      {archived.length > 0 ? (
        <details className="archive-section">
          <summary>
            Archived songs <span className="count-pill">{archived.length}</span>
          </summary>
          <ul className="list song-list" aria-label="Archived songs">
            {archived.map((song) => (
              <SongRow key={song.id} bandId={bandId} song={song} onArchived={setArchivedNow} />
            ))}
          </ul>
        </details>
      ) : null}

      {archivedNow ? (
        <UndoToast
          message={unarchive.error ? userMessage(unarchive.error) : `Archived “${archivedNow.title}”.`}
          pending={unarchive.isPending}
          onUndo={() => unarchive.mutate({ bandId, songId: archivedNow.id, archived: false })}
          onClose={closeUndo}
        />
      ) : null}
    </div>
  );
}

function CreateSongForm({ bandId }: { bandId: string }) {
  const utils = api.useUtils();
  const errorId = useId();
  const form = useForm({ resolver: zodResolver(createSongInput), defaultValues: { title: "" } });
  const create = api.song.create.useMutation({
    onSuccess: async (_song, sent) => {
      // Keep whatever the user started typing while this one was saving.
      if (form.getValues("title").trim() === sent.title) form.reset({ title: "" });
      await utils.song.list.invalidate({ bandId });
    },
    onError: showServerError(form.setError, "title"),
  });
  const error = form.formState.errors.title;

  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate({ bandId, ...input }))} noValidate className="stack-sm">
      <div className="form-row">
        <div className="field">
          <label htmlFor="song-title">New song</label>
          <input
            id="song-title"
            className="input"
            placeholder="e.g. Midnight Ferry"
            maxLength={SONG_TITLE_MAX}
            autoComplete="off"
            {...form.register("title")}
            {...fieldAria(error, errorId)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add song"}
        </button>
      </div>
      <FieldError id={errorId} error={error} />
    </form>
  );
}

function SongRow({ bandId, song, onArchived }: { bandId: string; song: Song; onArchived: (song: Song) => void }) {
  const utils = api.useUtils();
  const [renaming, setRenaming] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const form = useForm({ resolver: zodResolver(renameSongFields), defaultValues: { title: song.title } });
  const update = api.song.update.useMutation({
    onSuccess: async (_song, sent) => {
      if (sent.archived) onArchived(song);
      await utils.song.list.invalidate({ bandId });
    },
  });
  const rename = api.song.update.useMutation({
    onSuccess: async () => {
      setRenaming(false);
      await utils.song.list.invalidate({ bandId });
    },
    onError: showServerError(form.setError, "title"),
  });
  const titleError = form.formState.errors.title;
  const stopRenaming = () => {
    setRenaming(false);
    form.reset({ title: song.title });
  };
  const onRename = form.handleSubmit(({ title }) => {
    if (title === song.title) return stopRenaming();
    rename.mutate({ bandId, songId: song.id, title });
  });

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
              maxLength={SONG_TITLE_MAX}
              autoFocus
              {...form.register("title")}
              onKeyDown={(e) => {
                if (e.key === "Escape") stopRenaming();
              }}
              {...fieldAria(titleError, errorId)}
            />
            <button type="submit" className="btn btn-primary btn-sm" disabled={rename.isPending}>
              Save
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={stopRenaming}>
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
              <span className="song-title-line">
                <span className="song-title truncate">{song.title}</span>
                <SongStatusBadge status={song.status} />
              </span>
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
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                form.reset({ title: song.title });
                setRenaming(true);
              }}
              aria-label={`Rename ${song.title}`}
            >
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
      {renaming ? (
        <FieldError id={errorId} error={titleError} />
      ) : update.error ? (
        <p className="field-error" role="alert" style={{ marginTop: 6 }}>
          {userMessage(update.error)}
        </p>
      ) : null}
    </li>
  );
}
