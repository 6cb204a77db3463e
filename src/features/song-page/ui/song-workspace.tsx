"use client";

import { Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { markersForTake } from "@/features/markers/marker-shift.rules";
import type { VersionView } from "@/features/takes/take.view";
import { DeferredPrefetchLink } from "@/components/deferred-prefetch-link";
import { deferredSlot } from "@/components/deferred-slot";
import { Icon } from "@/components/icon";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { createPlaybackClock } from "@/features/player/playback-clock";
import { mapTimeBetweenTakes } from "@/features/player/take-time";
import { matchedVolume } from "@/features/player/loudness-match";
import type { PlayerAction } from "@/features/player/keymap";
import { usePlayerKeys } from "@/features/player/ui/use-player-keys";
import { ShortcutsDialog } from "@/features/player/ui/shortcuts-dialog";
import { MomentLink } from "@/features/player/ui/moment-link";
import { commentFromHash } from "@/features/player/deep-link";
import type { CommentHighlight } from "@/features/comments/ui/comments-panel";
import { AlignTake } from "@/features/player/ui/align-take";
import { SongSideTools } from "./song-side-tools";
import { CommentsAtPlayhead, PracticeMarkers, TakeDetails } from "./take-panels";
import { useStickyScrollPadding } from "@/features/player/ui/use-sticky-scroll-padding";
import { AudioPlayer, type PlayerHandle, type PlayerLaneContext } from "@/features/player/ui/audio-player";
import { useTakeAnalysis } from "@/features/analysis/ui/use-take-analysis";
import { TakeChordLane, TakeTempoLane } from "@/features/analysis/ui/analysis-lanes";
import { compareTempoLine } from "@/features/analysis/tempo-lane.rules";
import { useTranspose } from "@/features/songs/ui/use-transpose";
import { takeLabel, uploaderName } from "@/features/takes/ui/take-label";
import { TakeList } from "@/features/takes/ui/take-list";
import { Alert } from "@/components/alert";
import { ShareButton } from "@/features/sharing/ui/share-dialog";
import { songPageUrl } from "@/features/offline/offline-rules";
import { songTake } from "@/features/offline/offline-store";
import { SaveForOffline } from "@/features/offline/ui/save-for-offline";

type Song = RouterOutputs["song"]["get"];

type Props = {
  bandId: string;
  song: Song;
  initialVersions: VersionView[];
  initialTakeId: string | null;
  /** `?t=&end=` of a deep link, already checked. */
  initialMoment?: { start: number | null; end: number | null };
  maxUploadMb: number;
  bandName: string;
  userId: string;
  /** This response's CSP nonce, for the waveform's own <style>. */
  cspNonce?: string;
};

// Recording, uploading and the song sheet, the take's details, its comments and my
// practice markers hydrate in boundaries of their own after the player. Their code comes
// with the page (a tap on them is never lost to a chunk still in flight; the recorder's
// storage and WebM fixer load on first use), and their props stay the same while the
// page fills in, so React never has to replace their server HTML.
const SideTools = deferredSlot(SongSideTools);
const DetailsSlot = deferredSlot(TakeDetails);
const CommentsSlot = deferredSlot(CommentsAtPlayhead);
const PracticeSlot = deferredSlot(PracticeMarkers);

type Start = { seconds: number; loopEnd?: number | null; play?: boolean };

const PROCESSING_POLL_MS = 3000;
const isProcessing = (v: VersionView) => v.processing === "PENDING" || v.processing === "PROCESSING";
const isAnalysing = (v: VersionView) => v.analysisState === "PENDING" || v.analysisState === "RUNNING";

/** The song page: takes, the player, the selected take's details and its comments. */
export function SongWorkspace({ bandId, song, initialVersions, initialTakeId, initialMoment, maxUploadMb, bandName, userId, cspNonce }: Props) {
  const utils = api.useUtils();
  const versionsQuery = api.version.list.useQuery(
    { bandId, songId: song.id },
    // While a take is being processed or analysed, its state (then its waveform, stream, tempo and chords) updates by itself.
    { initialData: initialVersions, refetchInterval: (query) => (query.state.data?.some((v) => isProcessing(v) || isAnalysing(v)) ? PROCESSING_POLL_MS : false) },
  );
  const versions = useMemo(() => versionsQuery.data ?? [], [versionsQuery.data]);
  const [selectedId, setSelectedId] = useState<string | null>(() => pickInitial(initialVersions, initialTakeId));
  const selectedIndex = versions.findIndex((v) => v.id === selectedId);
  const selected = selectedIndex >= 0 ? versions[selectedIndex]! : (versions[0] ?? null);
  const selectedNumber = selected?.number ?? 0;
  // The sheet as it is now (its key and tempo change when someone saves it).
  const sheet = api.song.get.useQuery({ bandId, songId: song.id }, { initialData: song }).data ?? song;
  const [semitones] = useTranspose(song.id);

  const player = useRef<PlayerHandle>(null);
  const playerSlot = useRef<HTMLDivElement>(null);
  useStickyScrollPadding(playerSlot);
  // A take seen here while it was still processing keeps streaming its original
  // until the page is left: the rendition has other bytes, and a player's next
  // range request must get the same file as its first.
  // (State adjusted while rendering, React's pattern for state derived from changing data.)
  const [pinnedToOriginal, setPinnedToOriginal] = useState<ReadonlySet<string>>(() => new Set());
  const waiting = versions.filter((v) => v.processing !== "READY" && !pinnedToOriginal.has(v.id));
  if (waiting.length > 0) setPinnedToOriginal(new Set([...pinnedToOriginal, ...waiting.map((v) => v.id)]));
  const streamSrc = (take: VersionView) =>
    `/api/versions/${take.id}/stream${take.processing !== "READY" || pinnedToOriginal.has(take.id) ? "?source=original" : ""}`;
  // The playhead lives outside React state: playback must not re-render this page.
  const clock = useMemo(() => createPlaybackClock(), []);
  const [start, setStart] = useState<Start | null>(() =>
    initialMoment?.start != null && (!initialTakeId || initialTakeId === pickInitial(initialVersions, initialTakeId))
      ? { seconds: initialMoment.start, loopEnd: initialMoment.end }
      : null,
  );
  // The two takes played last, most recent first: B flips between them, loudness-matched.
  const [recent, setRecent] = useState<string[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);

  // The take's bars and beats: drawn on the waveform, snapped to, clicked along with.
  const analysis = useTakeAnalysis(selected?.id ?? null, selected?.analysisState === "READY");

  const comments = api.comment.list.useQuery(
    { bandId, versionId: selected?.id ?? "" },
    { enabled: !!selected },
  );

  // Keep the chosen take in the address, so a link shares exactly what you hear.
  useEffect(() => {
    if (!selected) return;
    const url = new URL(window.location.href);
    // A moment's t/end have been applied; leaving them would reopen it on every reload.
    if (url.searchParams.get("take") === selected.id && !url.searchParams.has("t") && !url.searchParams.has("end")) return;
    // Another take than the link's: its comment anchor no longer applies.
    if (url.searchParams.has("take") && url.searchParams.get("take") !== selected.id) url.hash = "";
    url.searchParams.set("take", selected.id);
    url.searchParams.delete("t");
    url.searchParams.delete("end");
    window.history.replaceState(window.history.state, "", url);
  }, [selected]);

  const select = useCallback(
    (id: string, keepMoment = true) => {
      if (id === selected?.id) return;
      const to = versions.find((v) => v.id === id);
      if (keepMoment && selected && to && player.current) {
        // Stay at the same moment of the song in the other take.
        const now = player.current.currentTime();
        const seconds = mapTimeBetweenTakes(now, selected, to);
        setStart({ seconds, play: player.current.isPlaying() });
      } else setStart(null);
      setSelectedId(id);
    },
    [selected, versions],
  );

  const seek = useCallback((seconds: number) => {
    player.current?.seek(seconds, true);
  }, []);

  const onPlay = useCallback(() => {
    if (!selected) return;
    setRecent((r) => (r[0] === selected.id ? r : [selected.id, ...r.filter((x) => x !== selected.id)].slice(0, 2)));
  }, [selected]);

  const partnerId = recent.find((id) => id !== selected?.id) ?? null;
  const partner = partnerId ? versions.find((v) => v.id === partnerId) : undefined;
  const volume = selected && partner ? matchedVolume(selected.loudnessLufs, partner.loudnessLufs) : 1;

  const onKey = useCallback(
    (action: PlayerAction) => {
      const p = player.current;
      switch (action.type) {
        case "help":
          setHelpOpen(true);
          return;
        case "nextTake":
        case "previousTake": {
          // The list runs newest first: "next" is the one below.
          const index = selectedIndex + (action.type === "nextTake" ? 1 : -1);
          const to = versions[index];
          if (to) select(to.id);
          return;
        }
        case "flipTake":
          if (partnerId) select(partnerId);
          return;
      }
      if (!p) return;
      switch (action.type) {
        case "toggle":
          p.toggle();
          break;
        case "pause":
          p.pause();
          break;
        case "skip":
          p.skip(action.seconds);
          break;
        case "loopStart":
          p.setLoopPoint("start");
          break;
        case "loopEnd":
          p.setLoopPoint("end");
          break;
        case "speed":
          p.nudgeSpeed(action.delta);
          break;
        case "goToBar":
          p.focusGoToBar();
          break;
      }
    },
    [selectedIndex, versions, select, partnerId],
  );
  usePlayerKeys(onKey, !!selected);

  const onUploaded = useCallback(
    async (take: { id: string }) => {
      await Promise.all([utils.version.list.invalidate({ bandId, songId: song.id }), utils.song.invalidate()]);
      select(take.id, false);
    },
    [utils, bandId, song.id, select],
  );

  // My practice markers (song time), placed on the selected take by its offset.
  const practice = api.marker.list.useQuery({ bandId, songId: song.id });
  const myMarkers = useMemo(
    () =>
      selected
        ? markersForTake(
            (practice.data ?? []).map((m) => ({ id: m.id, songSeconds: m.songSeconds, endSongSeconds: m.endSongSeconds, label: m.label })),
            selected,
          )
        : [],
    [practice.data, selected],
  );
  // A passage dragged on the waveform: the composer opens for it (and the player loops it).
  // Kept with its take's id, so switching takes drops it.
  const [dragged, setDragged] = useState<{ versionId: string; start: number; end: number } | null>(null);
  const passage = dragged && dragged.versionId === selected?.id ? dragged : null;
  const selectedTakeId = selected?.id;
  const onRangeSelect = useCallback(
    (from: number, to: number) => {
      if (!selectedTakeId) return;
      const round = (n: number) => Math.round(n * 100) / 100;
      setDragged({ versionId: selectedTakeId, start: round(from), end: round(to) });
      player.current?.loopPassage(from, to);
      requestAnimationFrame(() => document.getElementById("comment-body")?.focus({ preventScroll: false }));
    },
    [selectedTakeId, setDragged],
  );
  const loopPassage = useCallback((from: number, to: number) => player.current?.loopPassage(from, to), []);
  const loopPassageByBars = useCallback((from: number, to: number) => void player.current?.loopPassageByBars(from, to), []);
  const takeHasBars = (analysis.data?.downbeats.length ?? 0) > 0;
  // A comment to point out: the one a link names (`#comment-<id>`, scrolled to and focused
  // once listed), or a pin's on the waveform (highlighted in place: the page stays at the player).
  const [highlight, setHighlight] = useState<CommentHighlight | null>(null);
  useEffect(() => {
    const id = commentFromHash(window.location.hash);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the address's # is only known in the browser, after hydration
    if (id) setHighlight({ id, reveal: true });
  }, []);
  const showComment = useCallback((id: string) => setHighlight({ id, reveal: false }), []);

  const shown = useDeferredValue(selected);
  const shownComments = useDeferredValue(comments.data);
  const shownCommentsLoading = useDeferredValue(comments.isLoading);
  const shownCommentsError = useDeferredValue(comments.error);
  const shownMarkers = useDeferredValue(myMarkers);
  const shownMarkersLoading = useDeferredValue(practice.isLoading);
  const onDeleted = useCallback(
    (id: string) => {
      const rest = versions.filter((v) => v.id !== id);
      setStart(null);
      setSelectedId(rest[0]?.id ?? null);
    },
    [versions],
  );
  const onPassageDone = useCallback(() => setDragged(null), []);
  const playheadNow = useCallback(() => player.current?.currentTime() ?? 0, []);

  const selectedTakeReady = selected?.analysisState === "READY";
  const lanes = useCallback(
    (lane: PlayerLaneContext) =>
      selectedTakeId
        ? {
            above: <TakeChordLane versionId={selectedTakeId} ready={selectedTakeReady} semitones={semitones} songKey={sheet.key} {...lane} />,
            below: <TakeTempoLane versionId={selectedTakeId} ready={selectedTakeReady} sheetBpm={sheet.tempoBpm} {...lane} />,
          }
        : {},
    [selectedTakeId, selectedTakeReady, semitones, sheet.key, sheet.tempoBpm],
  );

  const markers = useMemo(
    () => [
      ...(comments.data ?? [])
        .filter((c) => c.atSeconds != null)
        .map((c) => ({ id: c.id, atSeconds: c.atSeconds!, endSeconds: c.endSeconds, resolved: c.resolved, kind: "comment" as const, label: `${c.name}: ${c.body.slice(0, 80)}` })),
      ...myMarkers.map((m) => ({ id: m.id, atSeconds: m.atSeconds, endSeconds: m.endSeconds, kind: "marker" as const, label: `My marker: ${m.label}` })),
    ],
    [comments.data, myMarkers],
  );

  return (
    <div className="stack song-page" data-testid="song-workspace">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <div className="grow">
          <DeferredPrefetchLink href={`/bands/${bandId}`} className="small muted back-link">
            ← All songs
          </DeferredPrefetchLink>
          <h2 className="song-heading user-text">
            {song.title}
            {song.archivedAt ? <span className="badge badge-neutral">Archived</span> : null}
          </h2>
          <p className="small muted m-0">
            {versions.length === 0 ? "No takes yet" : `${versions.length} ${versions.length === 1 ? "take" : "takes"}`}
            {versions.some((v) => v.isBest) ? " · best take picked" : ""}
          </p>
        </div>
        {/* On a phone the sheet sits below the takes and comments: one tap from the top reaches it. */}
        <div className="row">
          {versions.length > 0 ? <ShareButton bandId={bandId} target={{ songId: song.id }} what="song" /> : null}
          <a href="#song-sheet" className="btn btn-secondary btn-sm sheet-jump" data-testid="sheet-jump">
            Song sheet
          </a>
        </div>
      </div>

      <SaveForOffline request={{ kind: "song", id: song.id, bandId, title: song.title, pageUrl: songPageUrl(bandId, song.id), takes: songTake(song.id, versions) }} />

      {versionsQuery.error ? (
        <Alert as="p" tone="error">
          {userMessage(versionsQuery.error)}
        </Alert>
      ) : null}

      <div className="song-layout">
        <div className="stack song-main">
          <div className="slot-player" ref={playerSlot}>
          {selected ? (
            <AudioPlayer
              key={selected.id}
              ref={player}
              src={streamSrc(selected)}
              title={takeLabel(selected, selectedNumber)}
              subtitle={`${song.title} · by ${uploaderName(selected)}${selected.isBest ? " · ★ best take" : ""}`}
              songTitle={song.title}
              bandName={bandName}
              versionId={selected.id}
              userId={userId}
              knownDuration={selected.durationSeconds}
              peaksUrl={selected.peaksUrl}
              markers={markers}
              onMarkerActivate={showComment}
              onRangeSelect={onRangeSelect}
              start={start}
              volume={volume}
              clock={clock}
              onPlay={onPlay}
              cspNonce={cspNonce}
              analysis={analysis.data ?? null}
              analysisFailed={analysis.isError}
              lanes={lanes}
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

          {/* Each boundary below hydrates after the player: the play button answers first. */}
          <Suspense fallback={null}>
          {selected ? (
            <div className="stack-sm slot-tools">
              <div className="row player-extras">
                <MomentLink bandId={bandId} songId={song.id} versionId={selected.id} player={player} />
                <ShareButton bandId={bandId} target={{ versionId: selected.id }} what="this take" className="btn btn-ghost btn-sm" />
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => setHelpOpen(true)} aria-haspopup="dialog" data-testid="shortcuts-open">
                  <kbd aria-hidden="true">?</kbd> Keyboard shortcuts
                </button>
                {partner ? <span className="small muted">B flips to {takeLabel(partner, partner.number)}{volume < 1 ? ` (this take turned down ${Math.round(-20 * Math.log10(volume) * 10) / 10} dB to match)` : ""}</span> : null}
              </div>
              <TempoCompare selected={selected} reference={alignReference(versions, selected, partner)} />
              {versions.length > 1 ? (
                <AlignTake
                  key={`align-${selected.id}`}
                  bandId={bandId}
                  take={{ ...selected, label: takeLabel(selected, selected.number) }}
                  reference={alignReference(versions, selected, partner)}
                  canEdit={selected.canEdit}
                />
              ) : null}
            </div>
          ) : null}
          </Suspense>

          {/* These follow the deferred take, so each shows one take's data at a time. */}
          {selected && shown ? (
            <>
              <div className="slot-details">
                <DetailsSlot key={shown.id} bandId={bandId} version={shown} number={shown.number} onDeleted={onDeleted} />
              </div>
              <div className="slot-comments">
                <CommentsSlot
                  clock={clock}
                  key={`comments-${shown.id}`}
                  bandId={bandId}
                  versionId={shown.id}
                  comments={shownComments}
                  loading={shownCommentsLoading}
                  loadError={shownCommentsError}
                  onSeek={seek}
                  takeSeconds={shown.durationSeconds}
                  highlight={highlight}
                  passage={passage}
                  onPassageDone={onPassageDone}
                  onLoop={loopPassage}
                  onLoopBars={takeHasBars && shown.id === selected?.id ? loopPassageByBars : undefined}
                />
                <PracticeSlot
                  bandId={bandId}
                  songId={song.id}
                  versionId={shown.id}
                  markers={shownMarkers}
                  loading={shownMarkersLoading}
                  now={playheadNow}
                  onSeek={seek}
                />
              </div>
            </>
          ) : null}
        </div>

        <aside className="stack song-side" aria-label="Takes of this song">
          <Suspense fallback={null}>
          {versions.length > 0 ? (
            <section className="stack-sm slot-takes" aria-labelledby="takes-heading">
              <div className="row-between">
                <h2 id="takes-heading" className="section-title m-0">
                  Takes <span className="count-pill">{versions.length}</span>
                </h2>
                <span className="small faint">Newest first</span>
              </div>
              <TakeList versions={versions} selectedId={selected?.id ?? null} onSelect={select} />
            </section>
          ) : null}
          </Suspense>
          <SideTools bandId={bandId} song={song} maxUploadMb={maxUploadMb} onUploaded={onUploaded} />
        </aside>
      </div>
      <Suspense fallback={null}>
        <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      </Suspense>
    </div>
  );
}

/** The take to line this one up with: the one you compared it with, else the best, else the newest other. */
function alignReference(versions: VersionView[], selected: VersionView, partner: VersionView | undefined) {
  const other = partner ?? versions.find((v) => v.isBest && v.id !== selected.id) ?? versions.find((v) => v.id !== selected.id);
  return other ? { ...other, label: takeLabel(other, other.number) } : null;
}

/** "Take 5 is 3% faster than Take 3": the take against the one it is compared and lined up with, when both have a tempo. */
function TempoCompare({ selected, reference }: { selected: VersionView; reference: VersionView | null }) {
  if (!reference || !selected.analysis || !reference.analysis) return null;
  return (
    <p className="small muted m-0" data-testid="tempo-compare">
      {compareTempoLine({ label: `Take ${selected.number}`, bpm: selected.analysis.bpm }, { label: `Take ${reference.number}`, bpm: reference.analysis.bpm })}
    </p>
  );
}

function pickInitial(versions: VersionView[], requested: string | null): string | null {
  if (requested && versions.some((v) => v.id === requested)) return requested;
  return versions.find((v) => v.isBest)?.id ?? versions[0]?.id ?? null;
}
