"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { formatBytes, type SavedItem } from "../offline-rules";
import { listSaved, offlineSupported, removeSaved } from "../offline-store";
import { useOfflineSession } from "./offline-session";

type Listing = { state: "loading" } | { state: "unsupported" } | { state: "ready"; items: SavedItem[]; usage: number | null; quota: number | null };

/** /offline: everything saved on this device, its size, and the space used. */
export function SavedList() {
  const { userId, lastCheck } = useOfflineSession();
  const [listing, setListing] = useState<Listing>({ state: "loading" });
  const [online, setOnline] = useState(true);

  // Bumped after a removal, to read the list again.
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let active = true;
    void readListing(userId).then((next) => active && setListing(next));
    return () => {
      active = false;
    };
  }, [userId, lastCheck, changes]);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  return (
    <div className="stack">
      <div className="stack-sm">
        <h1 className="m-0">Saved for offline</h1>
        {!online ? (
          <Alert as="p" tone="warning" className="m-0" data-testid="offline-notice">
            You are offline; these are saved on this device:
          </Alert>
        ) : (
          <p className="small muted m-0">Setlists and songs saved here open, play and seek with no network.</p>
        )}
      </div>
      {listing.state === "loading" ? (
        <div className="skeleton" style={{ height: 120 }} aria-busy="true" aria-label="Loading what is saved" />
      ) : listing.state === "unsupported" ? (
        <div className="empty-state">
          <h2>Nothing can be saved here</h2>
          <p>{userId ? "This browser cannot keep pages for offline use." : "Sign in to save setlists and songs for offline use."}</p>
        </div>
      ) : (
        <>
          <p className="small m-0" data-testid="offline-space">
            Saved: {formatBytes(listing.items.reduce((sum, i) => sum + i.bytes, 0))}
            {listing.usage !== null && listing.quota !== null ? ` · this site uses ${formatBytes(listing.usage)} of ${formatBytes(listing.quota)} available` : ""}
          </p>
          {listing.items.length === 0 ? (
            <div className="empty-state">
              <h2>Nothing saved yet</h2>
              <p>Open a setlist or a song and choose “Save for offline”.</p>
            </div>
          ) : (
            <ul className="offline-list stack-sm" aria-label="Saved setlists and songs">
              {listing.items.map((item) => (
                <li key={`${item.kind}:${item.id}`} className="card offline-item" data-testid="offline-item">
                  <div className="stack-sm">
                    <a href={item.url} className="user-text">
                      {item.kind === "setlist" ? "Setlist" : "Song"}: {item.title}
                    </a>
                    <span className="small muted">
                      {formatBytes(item.bytes)} · {item.takes.length} {item.takes.length === 1 ? "take" : "takes"} · saved{" "}
                      <time dateTime={item.savedAt}>{new Date(item.savedAt).toLocaleString()}</time>
                    </span>
                  </div>
                  <button type="button" className="btn btn-danger btn-sm" aria-label={`Remove ${item.title} from this device`} onClick={() => void removeSaved(userId!, item.kind, item.id).then(() => setChanges((n) => n + 1))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

async function readListing(userId: string | null): Promise<Listing> {
  if (!offlineSupported() || !userId) return { state: "unsupported" };
  const [items, estimate] = await Promise.all([listSaved(userId), navigator.storage?.estimate?.().catch(() => null) ?? Promise.resolve(null)]);
  return { state: "ready", items, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
