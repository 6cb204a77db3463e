"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CommentsPanel } from "@/features/comments/ui/comments-panel";
import { SongSheet } from "@/features/songs/ui/song-sheet";
import type { VersionView } from "@/features/versions/version.view";
import { Icon } from "@/components/icon";
import { userMessage } from "@/lib/user-message";
import { RecordTake } from "@/features/recording/ui/record-take";
import { api, type RouterOutputs } from "@/trpc/react";
import { AudioPlayer, type PlayerHandle } from "./audio-player";
import { TakeDetails } from "./take-details";
import { takeLabel, uploaderName } from "./take-label";
import { TakeList } from "./take-list";
import { UploadTakeForm } from "./upload-take-form";

type Song = RouterOutputs["song"]["get"];

type Props = {
  bandId: string;
  song: Song;
  initialVersions: VersionView[];
  initialTakeId: string | null;
  maxUploadMb: number;
};

const PROCESSING_POLL_MS = 3000;
const isProcessing = (v: VersionView) => v.processing === "PENDING" || v.processing === "PROCESSING";

/** The song page: takes, the player, the selected take's details and its comments. */
export function SongWorkspace({ bandId, song, initialVersions, initialTakeId, maxUploadMb }: Props) {
  const utils = api.useUtils();
  const versionsQuery = api.version.list.useQuery(
    { bandId, songId: song.id },
    // While a take is being processed, its state (and then its waveform and stream) updates by itself.
    { initialData: initialVersions, refetchInterval: (query) => (query.state.data?.some(isProcessing) ? PROCESSING_POLL_MS : false) },
  );
  const versions = useMemo(() => versionsQuery.data ?? [], [versionsQuery.data]);
  const [selectedId, setSelectedId] = useState<string | null>(() => pickInitial(initialVersions, initialTakeId));
  const selectedIndex = versions.findIndex((v) => v.id === selectedId);
  const selected = selectedIndex >= 0 ? versions[selectedIndex]! : (versions[0] ?? null);
  const selectedNumber = selected?.number ?? 0;

  const player = useRef<PlayerHandle>(null);
  // A take seen here while it was still processing keeps streaming its original
  // until the page is left: the rendition has other bytes, and a player's next
  // range request must get the same file as its first.
  // (State adjusted while rendering, React's pattern for state derived from changing data.)
  const [pinnedToOriginal, setPinnedToOriginal] = useState<ReadonlySet<string>>(() => new Set());
  const waiting = versions.filter((v) => v.processing !== "READY" && !pinnedToOriginal.has(v.id));
  if (waiting.length > 0) setPinnedToOriginal(new Set([...pinnedToOriginal, ...waiting.map((v) => v.id)]));
  const streamSrc = (take: VersionView) =>
    `/api/versions/${take.id}/stream${take.processing !== "READY" || pinnedToOriginal.has(take.id) ? "?source=original" : ""}`;
  const [currentTime, setCurrentTime] = useState(0);

  const comments = api.comment.list.useQuery(
    { bandId, versionId: selected?.id ?? "" },
    { enabled: !!selected },
  );

  // Keep the chosen take in the address, so a link shares exactly what you hear.
  useEffect(() => {
    if (!selected) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get("take") === selected.id) return;
    url.searchParams.set("take", selected.id);
    window.history.replaceState(window.history.state, "", url);
  }, [selected]);

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setCurrentTime(0);
  }, []);

  const seek = useCallback((seconds: number) => {
    player.current?.seek(seconds, true);
    setCurrentTime(seconds);
  }, []);

  const onUploaded = useCallback(
    async (take: { id: string }) => {
      await Promise.all([utils.version.list.invalidate({ bandId, songId: song.id }), utils.song.invalidate()]);
      select(take.id);
    },
    [utils, bandId, song.id, select],
  );

  const markers = useMemo(
    () =>
      (comments.data ?? [])
        .filter((c) => c.atSeconds != null)
        .map((c) => ({ id: c.id, atSeconds: c.atSeconds!, label: c.body.slice(0, 60) })),
    [comments.data],
  );

  return (
    <div className="stack song-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <div className="grow">
          <Link href={`/bands/${bandId}`} className="small muted back-link">
            ← All songs
          </Link>
          <h2 className="song-heading">
            {song.title}
            {song.archivedAt ? <span className="badge badge-neutral">Archived</span> : null}
          </h2>
          <p className="small muted" style={{ margin: 0 }}>
            {versions.length === 0 ? "No takes yet" : `${versions.length} ${versions.length === 1 ? "take" : "takes"}`}
            {versions.some((v) => v.isBest) ? " · best take picked" : ""}
          </p>
        </div>
      </div>

      {versionsQuery.error ? (
        <p className="alert alert-error" role="alert">
          {userMessage(versionsQuery.error)}
        </p>
      ) : null}

      <div className="song-layout">
        <div className="stack song-main">
          <div className="slot-player">
          {selected ? (
            <AudioPlayer
              key={selected.id}
              ref={player}
              src={streamSrc(selected)}
              title={takeLabel(selected, selectedNumber)}
              subtitle={`${song.title} · by ${uploaderName(selected)}${selected.isBest ? " · ★ best take" : ""}`}
              knownDuration={selected.durationSeconds}
              markers={markers}
              onTimeChange={setCurrentTime}
            />
          ) : (
            <div className="empty-state">
              <div className="icon" aria-hidden="true">
                <Icon name="mic" size={28} />
              </div>
              <h2>No takes yet</h2>
              <p>Record one right here, or upload a recording from rehearsal — a phone voice memo is fine. The whole band can listen and comment right away.</p>
            </div>
          )}
          </div>

          {selected ? (
            <>
              <div className="slot-details">
              <TakeDetails
                key={selected.id}
                bandId={bandId}
                version={selected}
                number={selectedNumber}
                onDeleted={(id) => {
                  const rest = versions.filter((v) => v.id !== id);
                  setSelectedId(rest[0]?.id ?? null);
                }}
              />
              </div>
              <div className="slot-comments">
              <CommentsPanel
                key={`comments-${selected.id}`}
                bandId={bandId}
                versionId={selected.id}
                comments={comments.data}
                loading={comments.isLoading}
                loadError={comments.error}
                currentTime={currentTime}
                onSeek={seek}
              />
              </div>
            </>
          ) : null}
        </div>

        <aside className="stack song-side" aria-label="Takes of this song">
          {versions.length > 0 ? (
            <section className="stack-sm slot-takes" aria-labelledby="takes-heading">
              <div className="row-between">
                <h2 id="takes-heading" className="section-title" style={{ margin: 0 }}>
                  Takes <span className="count-pill">{versions.length}</span>
                </h2>
                <span className="small faint">Newest first</span>
              </div>
              <TakeList versions={versions} selectedId={selected?.id ?? null} onSelect={select} />
            </section>
          ) : null}
          <section className="card card-tight slot-record">
            <RecordTake bandId={bandId} songId={song.id} maxUploadMb={maxUploadMb} onUploaded={onUploaded} />
          </section>
          <section className="card card-tight slot-upload">
            <UploadTakeForm bandId={bandId} songId={song.id} maxUploadMb={maxUploadMb} onUploaded={onUploaded} />
          </section>
          <SongSheet bandId={bandId} song={song} />
        </aside>
      </div>
    </div>
  );
}

function pickInitial(versions: VersionView[], requested: string | null): string | null {
  if (requested && versions.some((v) => v.id === requested)) return requested;
  return versions.find((v) => v.isBest)?.id ?? versions[0]?.id ?? null;
}
