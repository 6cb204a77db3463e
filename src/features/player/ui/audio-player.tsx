"use client";

import { useMemo, useRef, useState, type ReactNode, type Ref } from "react";
import type { PlaybackClock } from "@/features/player/playback-clock";
import { createLaneView, type LaneView } from "@/features/player/lane-view";
import { Waveform } from "@/features/player/ui/waveform";
import { CompactPlayer } from "@/features/player/ui/compact-player";
import { goToBarId, usePlayerEngine, type PlayerHandle, type PlayerMarker } from "@/features/player/ui/use-player-engine";
import type { MusicAnalysis } from "@/features/analysis/analysis.schema";
import type { BeatGrid } from "@/features/player/bars";
import { BeatControls } from "@/features/player/ui/beat-controls";
import { useClickTrack, type CountInGate } from "@/features/player/ui/use-click-track";
import { usePracticeSettings } from "@/features/player/ui/use-practice-settings";
import { PlayerHead, PracticeControls, SeekBar, SkipButtons, SpeedSelect, TimeReadout, VolumeControl, WaveformNote, ZoomButtons } from "@/features/player/ui/player-controls";

export type { PlayerHandle, PlayerMarker };

/** What a lane drawn along the waveform needs: the playhead, the take's length, and the waveform's zoom and scroll. */
export type PlayerLaneContext = { clock: PlaybackClock; duration: number; view: LaneView };

type Props = {
  ref?: Ref<PlayerHandle>;
  src: string;
  title: string;
  subtitle?: string;
  /** For the lock screen: the song and the band. */
  songTitle: string;
  bandName: string;
  versionId: string;
  /** Whose place in the take is remembered. */
  userId: string;
  /** Duration from the file's metadata, shown until the browser knows better. */
  knownDuration: number | null;
  /** The take's waveform data, or null while it is processed. */
  peaksUrl: string | null;
  /** Comments and markers to show on the waveform. */
  markers?: PlayerMarker[];
  onMarkerActivate?: (id: string) => void;
  /** A drag across the waveform; without it the drag sets the A-B loop. */
  onRangeSelect?: (start: number, end: number) => void;
  /** Where to open: a deep link or the same moment of the previous take; otherwise the remembered place. */
  start?: { seconds: number; loopEnd?: number | null; play?: boolean } | null;
  /** 0..1 (loudness matching); the quieter take of a pair stays at 1. */
  volume?: number;
  /** Shared with the page's small time displays. */
  clock?: PlaybackClock;
  onPlay?: () => void;
  /** The page's CSP nonce: the waveform draws inside a shadow root with its own <style>. */
  cspNonce?: string;
  /** The take's music analysis, once made: its bars, beat grid and click track are offered. */
  analysis?: MusicAnalysis | null;
  /** The analysis exists but could not be fetched. */
  analysisFailed?: boolean;
  /** Lanes laid along the waveform's time axis, above it and below it (chords, tempo). */
  lanes?: (lane: PlayerLaneContext) => { above?: ReactNode; below?: ReactNode };
};

/**
 * A player for one take: the page's one <audio> element (range requests and
 * buffering by the browser, so it keeps playing on a locked phone), its
 * waveform, practice tools, and the lock-screen controls. Remount it with a
 * `key` per take so every take starts from a clean element.
 */
export function AudioPlayer(props: Props) {
  const { src, title, subtitle, versionId, cspNonce, analysis = null, analysisFailed = false } = props;
  const grid = useMemo<BeatGrid | null>(() => (analysis && analysis.downbeats.length > 0 ? { beats: analysis.beats, downbeats: analysis.downbeats } : null), [analysis]);
  const practice = usePracticeSettings();
  const countInGate = useRef<CountInGate | null>(null);
  const [clickOn, setClickOn] = useState(false);
  const { attach, audio, audioEvents, clock, playing, waiting, error, duration, effectiveDuration, speed, loop, ladderOn, ladderStart, ladderStep, peaks, zoom, canZoomOut, canZoomIn, overlays, onOverlay, onRange, seekTo, seekBy, applyRate, togglePlay, zoomOut, zoomIn, setLoopStart, setLoopEnd, clearLoop, toggleLadder, changeLadderStart, changeLadderStep, volume, muted, volumeAdjustable, setVolume, toggleMute, loopWholeBars, goToBar } = usePlayerEngine({
    ...props,
    grid,
    snap: practice.settings.snap,
    countInGate,
  });
  const click = useClickTrack({ audio, grid, on: clickOn, volume: practice.settings.clickVolume, muted, loop, countInOn: practice.settings.countIn, gateRef: countInGate });
  const hasWaveform = peaks.state === "ready" && audio;
  const head = useRef<HTMLDivElement>(null);
  const laneView = useMemo(() => createLaneView(), []);
  const laneDuration = hasWaveform ? peaks.peaks.duration || effectiveDuration || 0 : effectiveDuration || 0;
  const lanes = props.lanes?.({ clock, duration: laneDuration, view: laneView });

  return (
    <div className="player" data-testid="player" aria-label={`Player: ${title}`} role="region">
      <audio ref={attach} src={src} preload="metadata" data-testid="player-audio" {...audioEvents} />
      <div ref={head}>
        <PlayerHead title={title} subtitle={subtitle} playing={playing} waiting={waiting} onToggle={togglePlay} />
      </div>

      {lanes?.above}
      {hasWaveform ? (
        <Waveform media={audio} cspNonce={cspNonce} grid={grid} peaks={peaks.peaks} zoom={zoom} overlays={overlays} onOverlayActivate={onOverlay} onRangeSelect={onRange} onView={laneView.set} />
      ) : (
        <WaveformNote state={peaks.state} />
      )}
      {lanes?.below}

      <SeekBar seek={seekTo} clock={clock} duration={effectiveDuration} />

      <div className="player-controls">
        <TimeReadout clock={clock} duration={duration} />
        <div className="row player-buttons">
          <SkipButtons seekBy={seekBy} />
          {hasWaveform ? <ZoomButtons canZoomOut={canZoomOut} canZoomIn={canZoomIn} onZoomOut={zoomOut} onZoomIn={zoomIn} /> : null}
          <SpeedSelect id={`speed-${versionId}`} speed={speed} onChange={applyRate} />
          <VolumeControl volume={volume} muted={muted} adjustable={volumeAdjustable} onVolume={setVolume} onToggleMute={toggleMute} />
        </div>
      </div>

      <PracticeControls
        loop={loop}
        ladderOn={ladderOn}
        ladderStart={ladderStart}
        ladderStep={ladderStep}
        onSetA={setLoopStart}
        onSetB={setLoopEnd}
        onClearLoop={clearLoop}
        onLadderToggle={toggleLadder}
        onLadderStart={changeLadderStart}
        onLadderStep={changeLadderStep}
      />
      {grid && analysis ? (
        <BeatControls
          goToBarId={goToBarId(versionId)}
          bars={grid.downbeats.length}
          bpm={analysis.bpm}
          loop={loop}
          snap={practice.settings.snap}
          onSnap={(snap) => practice.update({ snap })}
          onGoToBar={goToBar}
          onWholeBars={loopWholeBars}
          clickOn={clickOn}
          onClick={(on) => {
            // Made from this tap, so the browser lets it sound.
            if (on) click.ensureContext();
            setClickOn(on);
          }}
          clickVolume={practice.settings.clickVolume}
          onClickVolume={(clickVolume) => practice.update({ clickVolume })}
          countIn={practice.settings.countIn}
          onCountIn={(countIn) => {
            if (countIn) click.ensureContext();
            practice.update({ countIn });
          }}
          countingIn={click.countingIn}
          clickUnavailable={click.unavailable}
        />
      ) : analysisFailed ? (
        <p className="small muted" role="status">
          The take&apos;s bars and beats could not be loaded.
        </p>
      ) : null}
      <CompactPlayer title={title} playing={playing} waiting={waiting} onToggle={togglePlay} clock={clock} duration={effectiveDuration} seek={seekTo} fullPlayer={head} />
      {error ? (
        <p className="field-error" role="alert" style={{ margin: "8px 0 0" }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
