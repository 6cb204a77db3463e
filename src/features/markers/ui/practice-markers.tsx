"use client";

import { useId, useState } from "react";
import { formatClock } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import type { TakeMarker } from "../marker-shift.rules";
import { MARKER_LABEL_MAX } from "../marker.schema";
import { Alert } from "@/components/alert";

type Props = {
  bandId: string;
  songId: string;
  versionId: string;
  /** My markers placed on this take (markersForTake). */
  markers: TakeMarker[];
  loading: boolean;
  /** The playhead, read when a marker is added. */
  now: () => number;
  onSeek: (seconds: number) => void;
};

/** My private practice markers: on every take of the song, seen by no one else. */
export function PracticeMarkers({ bandId, songId, versionId, markers, loading, now, onSeek }: Props) {
  const utils = api.useUtils();
  const inputId = useId();
  const [label, setLabel] = useState("");
  const refresh = () => utils.marker.list.invalidate({ bandId, songId });
  const create = api.marker.create.useMutation({
    onSuccess: async () => {
      setLabel("");
      await refresh();
    },
  });
  const remove = api.marker.delete.useMutation({ onSuccess: refresh });
  const error = create.error ?? remove.error;

  return (
    <section className="card card-tight stack-sm practice-markers" aria-labelledby={`${inputId}-heading`} data-testid="practice-markers">
      <h2 id={`${inputId}-heading`} className="section-title m-0">
        My practice markers <span className="small faint">(only you see these)</span>
      </h2>
      {loading ? (
        <div className="skeleton" role="status" aria-label="Loading markers" />
      ) : markers.length > 0 ? (
        <ul className="marker-list" aria-label="My markers on this take">
          {markers.map((m) => (
            <li key={m.id} className="marker-row" data-testid="practice-marker">
              <button type="button" className="timestamp" onClick={() => onSeek(m.atSeconds)} aria-label={`${formatClock(m.atSeconds)} ${m.label}, play from here`}>
                <span aria-hidden="true">▶</span> {formatClock(m.atSeconds)}
                {m.endSeconds != null ? `–${formatClock(m.endSeconds)}` : ""}
              </button>
              <span className="grow truncate">{m.label}</span>
              <button
                type="button"
                className="btn btn-ghost btn-sm comment-delete"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ bandId, markerId: m.id })}
                aria-label={`Delete marker ${m.label}`}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small faint m-0">
          No markers yet. Mark a spot to practise; it shows on every take of this song.
        </p>
      )}
      <form
        className="row marker-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!label.trim()) return;
          create.mutate({ bandId, songId, versionId, atSeconds: Math.max(0, now()), label });
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Marker label
        </label>
        <input
          id={inputId}
          className="input grow"
          value={label}
          maxLength={MARKER_LABEL_MAX}
          placeholder="e.g. Solo starts"
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" className="btn btn-sm" disabled={create.isPending || !label.trim()}>
          Mark here
        </button>
      </form>
      {create.isPaused && create.variables ? (
        // Offline: the marker is held and sent when the network returns.
        <p className="small muted m-0" role="status" data-testid="marker-waiting">
          Waiting to sync: {create.variables.label} at {formatClock(create.variables.atSeconds)}
        </p>
      ) : null}
      {error ? (
        <Alert as="p" tone="error" className="small">
          {userMessage(error)}
        </Alert>
      ) : null}
    </section>
  );
}
