"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { LocalDate } from "@/components/local-date";
import { fromDateTimeLocal, moveItem, setLengthSummary, toDateTimeLocal } from "@/features/setlists/setlist.rules";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { Countdown } from "./countdown";
import { SetPlayer } from "./set-player";
import { SetlistSongs } from "./setlist-songs";
import { Alert } from "@/components/alert";
import { SETLIST_NAME_MAX, SETLIST_NOTES_MAX } from "@/features/setlists/setlist.schema";

type Setlist = RouterOutputs["setlist"]["get"];

/**
 * One setlist: its date and countdown, the songs in order with the total time, who is ready, and the print view.
 * `readiness` draws who is ready for the setlist as it stands (the page composes it).
 */
export function SetlistEditor({
  bandId,
  setlistId,
  initialSetlist,
  canDelete,
  readiness,
  actions,
  offline,
}: {
  bandId: string;
  setlistId: string;
  initialSetlist: Setlist;
  canDelete: boolean;
  readiness: (setlist: Setlist) => ReactNode;
  /** More buttons beside the print view's, composed by the page (sharing). */
  actions?: ReactNode;
  /** "Save for offline" for the setlist as it stands (the page composes it). */
  offline?: (setlist: Setlist) => ReactNode;
}) {
  const utils = api.useUtils();
  const query = api.setlist.get.useQuery({ bandId, setlistId }, { initialData: initialSetlist });
  const songs = api.song.list.useQuery({ bandId });
  const [error, setError] = useState<string | null>(null);
  const setSongs = api.setlist.setSongs.useMutation({
    onMutate: async ({ songIds }) => {
      // Show the new order at once; the answer (or a refetch after an error) settles it.
      await utils.setlist.get.cancel({ bandId, setlistId });
      utils.setlist.get.setData({ bandId, setlistId }, (old) => (old ? { ...old, songs: songIds.map((id) => old.songs.find((s) => s.songId === id)!).filter(Boolean) } : old));
    },
    onSuccess: () => setError(null),
    onError: (e) => setError(userMessage(e)),
    onSettled: () => Promise.all([utils.setlist.get.invalidate({ bandId, setlistId }), utils.setlist.list.invalidate({ bandId })]),
  });

  if (query.isPending) return <div className="skeleton" style={{ height: 240 }} aria-busy="true" aria-label="Loading the setlist" />;
  if (query.isError) {
    return (
      <Alert as="p" tone="error">
        {userMessage(query.error)}
      </Alert>
    );
  }
  const setlist = query.data;
  const ids = setlist.songs.map((s) => s.songId);
  const save = (songIds: string[]) => setSongs.mutate({ bandId, setlistId, songIds });
  const available = (songs.data ?? []).filter((s) => !ids.includes(s.id));
  const notReady = setlist.notReadySongIds.length;

  return (
    <div className="stack">
      <div className="row-between">
        <Link href={`/bands/${bandId}/setlists`} className="small">
          ← All setlists
        </Link>
        <div className="row">
          {actions}
          <Link href={`/bands/${bandId}/setlists/${setlistId}/print`} className="btn btn-secondary btn-sm">
            Print view
          </Link>
        </div>
      </div>

      <SetlistDetails bandId={bandId} setlist={setlist} canDelete={canDelete} />

      {offline?.(setlist)}

      <section className="stack-sm" aria-labelledby="set-songs-heading">
        <div className="row-between">
          <h2 className="m-0" id="set-songs-heading">
            Songs <span className="count-pill">{setlist.songs.length}</span>
          </h2>
          <span className="small muted" data-testid="set-total">
            {setLengthSummary(setlist.total)}
          </span>
        </div>
        {error ? (
          <Alert as="p" tone="error">
            {error}
          </Alert>
        ) : null}
        {setlist.songs.length === 0 ? (
          <div className="empty-state">
            <h3>No songs in this set yet</h3>
            <p>Add them below in the order you will play them.</p>
          </div>
        ) : (
          <SetlistSongs
            bandId={bandId}
            setlistId={setlistId}
            songs={setlist.songs}
            busy={setSongs.isPending}
            onReorder={(from, to) => save(moveItem(ids, from, to))}
            onRemove={(songId) => save(ids.filter((id) => id !== songId))}
          />
        )}
        <AddSong available={available} loading={songs.isPending} onAdd={(songId) => save([...ids, songId])} busy={setSongs.isPending} />
      </section>

      <SetPlayer songs={setlist.songs} />

      <section className="stack-sm" aria-labelledby="readiness-heading">
        <div className="row-between">
          <h2 className="m-0" id="readiness-heading">
            Who is ready
          </h2>
          {setlist.songs.length > 0 ? (
            <span className={`badge ${notReady ? "badge-warning" : "badge-success"}`} data-testid="not-ready-count">
              {notReady ? `${notReady} ${notReady === 1 ? "song" : "songs"} not ready` : "Everyone is ready"}
            </span>
          ) : null}
        </div>
        <p className="small muted m-0">
          Mark the songs you can play; everyone sees the grid.
        </p>
        {readiness(setlist)}
      </section>
    </div>
  );
}

function AddSong({ available, loading, onAdd, busy }: { available: { id: string; title: string }[]; loading: boolean; onAdd: (songId: string) => void; busy: boolean }) {
  const [choice, setChoice] = useState("");
  const selectId = useId();
  if (loading) return null;
  if (available.length === 0) return <p className="small muted">Every song of the band is in this set.</p>;
  const picked = available.some((s) => s.id === choice) ? choice : "";
  return (
    <form
      className="form-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked) {
          onAdd(picked);
          setChoice("");
        }
      }}
    >
      <div className="field grow">
        <label htmlFor={selectId}>Add a song</label>
        <select id={selectId} className="select" value={picked} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Pick a song…</option>
          {available.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary" disabled={!picked || busy}>
        Add to set
      </button>
    </form>
  );
}

function SetlistDetails({ bandId, setlist, canDelete }: { bandId: string; setlist: Setlist; canDelete: boolean }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [name, setName] = useState(setlist.name);
  const [date, setDate] = useState("");
  const [notes, setNotes] = useState(setlist.notes ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const ids = { name: useId(), date: useId(), notes: useId() };
  const update = api.setlist.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await Promise.all([utils.setlist.get.invalidate({ bandId, setlistId: setlist.id }), utils.setlist.list.invalidate({ bandId })]);
    },
    onError: (e) => setFormError(userMessage(e)),
  });
  const remove = api.setlist.delete.useMutation({
    onSuccess: async () => {
      await utils.setlist.list.invalidate({ bandId });
      router.push(`/bands/${bandId}/setlists`);
    },
    onError: (e) => {
      setConfirmDelete(false);
      setFormError(userMessage(e));
    },
  });

  if (editing) {
    return (
      <form
        className="card stack-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const performAt = fromDateTimeLocal(date);
          if (performAt === undefined) return setFormError("Give a real date and time, or leave it empty.");
          setFormError(null);
          update.mutate({ bandId, setlistId: setlist.id, name, performAt, notes });
        }}
      >
        <h2 className="section-title">Edit the setlist</h2>
        <div className="setlist-form-grid">
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} className="input" value={name} maxLength={SETLIST_NAME_MAX} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.date}>Date and time</label>
            <input id={ids.date} className="input" type="datetime-local" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.notes}>Notes for the gig</label>
          <textarea id={ids.notes} className="textarea" rows={3} value={notes} maxLength={SETLIST_NOTES_MAX} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {formError ? (
          <p className="field-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <section className="card stack-sm" aria-labelledby="setlist-heading">
      <div className="row-between items-start">
        <div className="grow">
          <h2 id="setlist-heading" style={{ marginBottom: 4 }}>
            {setlist.name}
          </h2>
          <p className="muted m-0">
            {setlist.performAt ? (
              <>
                <LocalDate date={setlist.performAt} /> <Countdown date={setlist.performAt} />
              </>
            ) : (
              "No date yet"
            )}
          </p>
        </div>
        <div className="row">
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => {
              setName(setlist.name);
              setDate(toDateTimeLocal(setlist.performAt));
              setNotes(setlist.notes ?? "");
              setFormError(null);
              setEditing(true);
            }}
          >
            Edit<span className="visually-hidden"> the setlist</span>
          </button>
          {canDelete ? (
            <button type="button" className="btn btn-danger btn-sm" onClick={() => setConfirmDelete(true)}>
              Delete<span className="visually-hidden"> the setlist</span>
            </button>
          ) : null}
        </div>
      </div>
      {setlist.notes ? <p className="take-notes">{setlist.notes}</p> : null}
      {formError ? (
        <p className="field-error" role="alert">
          {formError}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete “${setlist.name}”?`}
        confirmLabel="Delete setlist"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ bandId, setlistId: setlist.id })}
        onClose={() => setConfirmDelete(false)}
      >
        <p>The songs, their takes and everyone&apos;s readiness stay; only this set and its gig notes go.</p>
      </ConfirmDialog>
    </section>
  );
}
