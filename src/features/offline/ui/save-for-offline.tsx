"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatBytes, type SavedItem } from "../offline-rules";
import { findSaved, offlineSupported, removeSaved, saveForOffline, SaveError, type SaveProgress, type SaveRequest } from "../offline-store";
import { useOfflineSession } from "./offline-session";

type State = { kind: "unknown" } | { kind: "unsaved" } | { kind: "saving"; progress: SaveProgress } | { kind: "saved"; item: SavedItem } | { kind: "error"; message: string };

/**
 * "Save for offline" for a setlist or a song: keeps its pages and takes in
 * this browser, with progress while it saves and its size once saved.
 */
export function SaveForOffline({ request }: { request: SaveRequest }) {
  const { userId, lastCheck } = useOfflineSession();
  const [state, setState] = useState<State>({ kind: "unknown" });
  const { kind, id } = request;

  useEffect(() => {
    if (!userId || !offlineSupported()) return;
    let active = true;
    void findSaved(userId, kind, id).then((item) => active && setState(item ? { kind: "saved", item } : { kind: "unsaved" }));
    return () => {
      active = false;
    };
  }, [userId, kind, id, lastCheck]);

  if (!userId || state.kind === "unknown") return null;

  const save = async () => {
    setState({ kind: "saving", progress: { done: 0, total: 1, bytes: 0 } });
    try {
      const item = await saveForOffline(userId, request, (progress) => setState({ kind: "saving", progress }));
      setState({ kind: "saved", item });
    } catch (error) {
      const message = error instanceof SaveError ? error.message : navigator.onLine ? "Saving failed. Try again." : "You are offline: saving needs the network.";
      setState({ kind: "error", message });
    }
  };

  return (
    <div className="offline-save stack-sm" data-testid="offline-save">
      {state.kind === "saving" ? (
        <div className="stack-sm" role="status">
          <progress className="offline-progress" max={state.progress.total} value={state.progress.done} aria-label="Saving for offline" />
          <span className="small muted">
            Saving for offline… {state.progress.done} of {state.progress.total} files, {formatBytes(state.progress.bytes)}
          </span>
        </div>
      ) : state.kind === "saved" ? (
        <div className="row">
          <span className="badge badge-success" data-testid="offline-saved">
            Saved for offline · {formatBytes(state.item.bytes)}
          </span>
          <span className="small muted">
            saved <time dateTime={state.item.savedAt}>{new Date(state.item.savedAt).toLocaleString()}</time>
          </span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void save()}>
            Save again
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => void removeSaved(userId, kind, id).then(() => setState({ kind: "unsaved" }))}
          >
            Remove from this device
          </button>
          <Link href="/offline" className="small">
            All saved
          </Link>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void save()}>
            Save for offline
          </button>
          {state.kind === "error" ? (
            <span className="field-error" role="alert">
              {state.message}
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
