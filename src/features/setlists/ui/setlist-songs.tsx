"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import Link from "next/link";
import { useId, useState } from "react";
import { formatClock } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { GIG_NOTES_MAX } from "@/features/setlists/setlist.schema";

type SetSong = RouterOutputs["setlist"]["get"]["songs"][number];

/**
 * The set's songs in order. Reordered by dragging the handle (pointer or
 * touch), by the handle's keyboard mode (Space, arrows, Space; dnd-kit's
 * keyboard sensor), or with the Move up / Move down buttons.
 */
export function SetlistSongs({ bandId, setlistId, songs, onReorder, onRemove, busy }: { bandId: string; setlistId: string; songs: SetSong[]; onReorder: (from: number, to: number) => void; onRemove: (songId: string) => void; busy: boolean }) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const titleOf = (id: unknown) => songs.find((s) => s.songId === id)?.title ?? "song";
  const positionOf = (id: unknown) => songs.findIndex((s) => s.songId === id) + 1;

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    onReorder(
      songs.findIndex((s) => s.songId === active.id),
      songs.findIndex((s) => s.songId === over.id),
    );
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: "To move a song, press Space, then the arrow keys, then Space again to drop it, or Escape to cancel." },
        announcements: {
          onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}.`,
          onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over position ${positionOf(over.id)}.` : `${titleOf(active.id)} is not over a position.`),
          onDragEnd: ({ active, over }) => (over ? `${titleOf(active.id)} dropped at position ${positionOf(over.id)}.` : `${titleOf(active.id)} dropped.`),
          onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled.`,
        },
      }}
    >
      <SortableContext items={songs.map((s) => s.songId)} strategy={verticalListSortingStrategy}>
        <ol className="list set-songs" aria-label="Songs in this set">
          {songs.map((song, index) => (
            <SetSongRow key={song.songId} bandId={bandId} setlistId={setlistId} song={song} index={index} count={songs.length} onReorder={onReorder} onRemove={onRemove} busy={busy} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SetSongRow({ bandId, setlistId, song, index, count, onReorder, onRemove, busy }: { bandId: string; setlistId: string; song: SetSong; index: number; count: number; onReorder: (from: number, to: number) => void; onRemove: (songId: string) => void; busy: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: song.songId });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const songHref = `/bands/${bandId}/songs/${song.songId}${song.take ? `?take=${song.take.versionId}` : ""}`;
  return (
    <li ref={setNodeRef} style={style} className={`set-song${isDragging ? " dragging" : ""}`} data-testid="set-song">
      <button type="button" ref={setActivatorNodeRef} className="btn btn-ghost drag-handle" {...attributes} {...listeners} aria-label={`Drag ${song.title} to reorder`}>
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="set-position" aria-hidden="true">
        {index + 1}
      </span>
      <div className="set-song-main">
        <Link href={songHref} className="set-song-title truncate">
          {song.title}
        </Link>
        <span className="small muted set-song-meta">
          {[song.key ? `Key ${song.key}` : null, song.tempoBpm ? `${song.tempoBpm} BPM` : null, song.take ? `${formatClock(song.take.durationSeconds)}${song.take.isBest ? " · best take" : " · latest take"}` : "no take yet"].filter(Boolean).join(" · ")}
        </span>
        <GigNotes bandId={bandId} setlistId={setlistId} song={song} />
      </div>
      <div className="set-song-actions">
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy || index === 0} onClick={() => onReorder(index, index - 1)} aria-label={`Move ${song.title} up`}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy || index === count - 1} onClick={() => onReorder(index, index + 1)} aria-label={`Move ${song.title} down`}>
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => onRemove(song.songId)} aria-label={`Remove ${song.title} from the set`}>
          ✕
        </button>
      </div>
    </li>
  );
}

/** A short note for this song at this gig ("capo 2"); any member edits it. */
function GigNotes({ bandId, setlistId, song }: { bandId: string; setlistId: string; song: SetSong }) {
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(song.gigNotes ?? "");
  const inputId = useId();
  const save = api.setlist.setGigNotes.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await utils.setlist.get.invalidate({ bandId, setlistId });
    },
  });
  if (!editing) {
    return (
      <span className="gig-notes small">
        {song.gigNotes ? <span className="gig-note-text">{song.gigNotes}</span> : null}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setValue(song.gigNotes ?? "");
            setEditing(true);
          }}
        >
          {song.gigNotes ? "Edit note" : "Add a gig note"}
          <span className="visually-hidden"> for {song.title}</span>
        </button>
      </span>
    );
  }
  return (
    <form
      className="gig-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ bandId, setlistId, songId: song.songId, notes: value });
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Gig note for {song.title}
      </label>
      <input id={inputId} className="input" value={value} maxLength={GIG_NOTES_MAX} autoFocus placeholder="e.g. capo 2, straight into the next" onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setEditing(false)} />
      <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
        Save
      </button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {save.error ? (
        <span className="field-error" role="alert">
          {userMessage(save.error)}
        </span>
      ) : null}
    </form>
  );
}
