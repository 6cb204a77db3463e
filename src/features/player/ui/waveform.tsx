"use client";

import { useEffect, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import { formatClock } from "@/lib/format-time";
import type { WaveformPeaks } from "../peaks";
import type { BeatGrid } from "../bars";
import { BarLines, BarNumbers } from "./bar-ruler";

/**
 * Something drawn on the waveform at a time (a moment) or across a passage
 * (`end` given). `kind` picks its colour; `resolved` ones are drawn faded.
 */
export type WaveformOverlay = {
  id: string;
  start: number;
  end?: number;
  kind: "comment" | "marker" | "loop";
  label: string;
  resolved?: boolean;
};

export type WaveformProps = {
  /** The page's one <audio> element: the waveform follows and drives it, never a WebAudio copy. */
  media: HTMLAudioElement;
  peaks: WaveformPeaks;
  /** Pixels per second; 0 fits the whole take to the width. */
  zoom?: number;
  /** Shown on the waveform as 44 px targets, focusable, their label on hover, focus or tap. */
  overlays?: WaveformOverlay[];
  /** An overlay was clicked, tapped or activated from the keyboard. */
  onOverlayActivate?: (id: string) => void;
  /** A drag across the waveform, in seconds, start < end; `free` when Alt/Option was held (no snapping). */
  onRangeSelect?: (start: number, end: number, free: boolean) => void;
  /** The take's beats and bars, from its analysis: numbered on the ruler, a faint grid when zoomed in. */
  grid?: BeatGrid | null;
  /** Called once the peaks are drawn (the first time only). */
  onDrawn?: () => void;
  height?: number;
  /** The page's CSP nonce, for the <style> wavesurfer puts in its shadow root. */
  cspNonce?: string;
  /** Told the drawing's width and scroll whenever they change (zoom, scroll, resize), for lanes laid along it. */
  onView?: (view: { width: number; scroll: number }) => void;
};

const MIN_DRAG_SECONDS = 0.25;

type WaveSurferLib = typeof import("./wavesurfer-lib");
let wavesurferLib: Promise<WaveSurferLib> | null = null;

/**
 * wavesurfer.js (about half of the song page's own script) is not needed to
 * make the page interactive: it is fetched after hydration, once per page, and
 * the player asks for it as soon as it mounts, so it arrives while the peaks
 * are still on their way. A failed fetch is forgotten, so the next try asks again.
 */
export function loadWaveSurfer(): Promise<WaveSurferLib> {
  wavesurferLib ??= import("./wavesurfer-lib").catch((error: unknown) => {
    wavesurferLib = null;
    throw error;
  });
  return wavesurferLib;
}

/**
 * The take's waveform from its precomputed peaks (wavesurfer.js), with a time
 * ruler, an overview when zoomed in, drag-to-select, and overlays laid over it.
 */
export function Waveform({ media, peaks, zoom = 0, overlays = [], onOverlayActivate, onRangeSelect, onDrawn, height = 96, cspNonce, grid = null, onView }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const ruler = useRef<HTMLDivElement>(null);
  const overview = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const gridLayer = useRef<HTMLDivElement>(null);
  const barLayer = useRef<HTMLDivElement>(null);
  // The drawn width of the whole take (wider than the screen when zoomed in): how dense bars may be.
  const [drawnWidth, setDrawnWidth] = useState(0);
  // Whether Alt/Option is held during the drag: a free loop, not snapped.
  const altHeld = useRef(false);
  const syncLayers = useRef<() => void>(() => undefined);
  const ws = useRef<{ instance: WaveSurfer; MinimapPlugin: WaveSurferLib["MinimapPlugin"] } | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const callbacks = useRef({ onRangeSelect, onDrawn, onView });
  useEffect(() => {
    callbacks.current = { onRangeSelect, onDrawn, onView };
  }, [onRangeSelect, onDrawn, onView]);

  useEffect(() => {
    const box = container.current;
    const rulerBox = ruler.current;
    if (!box || !rulerBox) return;
    let dispose: (() => void) | null = null;
    let cancelled = false;
    loadWaveSurfer().then(
      ({ WaveSurfer, RegionsPlugin, TimelinePlugin, MinimapPlugin }) => {
        if (cancelled) return;
        const regions = RegionsPlugin.create();
        // The policy in force is the document's first response's: after a client-side
        // navigation only the nonce on the page's own scripts still matches it.
        const nonce = documentNonce() ?? cspNonce;
        const styles = getComputedStyle(box);
        const color = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
        const instance = WaveSurfer.create({
          container: box,
          media,
          peaks: peaks.channels,
          duration: peaks.duration,
          height,
          waveColor: color("--wave", "#8a7f76"),
          progressColor: color("--accent", "#e8590c"),
          cursorColor: color("--text", "#fff"),
          cursorWidth: 2,
          barWidth: 2,
          barGap: 1,
          barRadius: 2,
          normalize: true,
          cspNonce: nonce,
          autoScroll: true,
          autoCenter: true,
          plugins: [regions, TimelinePlugin.create({ container: rulerBox, height: 18, style: { color: color("--muted", "#999"), fontSize: "11px" } })],
        });
        ws.current = { instance, MinimapPlugin };
        // Its scroll box (zoomed in) must be reachable by keyboard: a tab stop that names itself.
        const scroller = instance.getWrapper().parentElement;
        if (scroller) {
          scroller.tabIndex = 0;
          scroller.setAttribute("role", "region");
          scroller.setAttribute("aria-label", "Waveform");
        }
        regions.enableDragSelection({ color: "rgba(245, 159, 74, 0.25)" });
        const syncLayer = () => {
          const wrapper = instance.getWrapper();
          const width = wrapper.scrollWidth || wrapper.clientWidth;
          for (const el of [layer.current, gridLayer.current, barLayer.current]) {
            if (!el) continue;
            el.style.width = `${width}px`;
            el.style.transform = `translateX(${-instance.getScroll()}px)`;
          }
          setDrawnWidth(width);
          callbacks.current.onView?.({ width, scroll: instance.getScroll() });
        };
        syncLayers.current = syncLayer;
        const offs = [
          instance.on("ready", () => {
            setReady(true);
            callbacks.current.onDrawn?.();
            syncLayer();
          }),
          regions.on("region-created", (region) => {
            const { start, end } = region;
            region.remove();
            if (end - start >= MIN_DRAG_SECONDS) callbacks.current.onRangeSelect?.(start, end, altHeld.current);
          }),
          instance.on("scroll", () => syncLayer()),
          instance.on("zoom", () => syncLayer()),
          instance.on("redrawcomplete", () => syncLayer()),
        ];
        const noteAlt = (e: PointerEvent) => {
          altHeld.current = e.altKey;
        };
        box.addEventListener("pointerdown", noteAlt, true);
        box.addEventListener("pointermove", noteAlt, true);
        dispose = () => {
          box.removeEventListener("pointerdown", noteAlt, true);
          box.removeEventListener("pointermove", noteAlt, true);
          offs.forEach((off) => off());
          instance.destroy();
          ws.current = null;
        };
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
      dispose?.();
      setReady(false);
    };
  }, [media, peaks, height, cspNonce]);

  // Zoom changes only the scale; the overview appears while zoomed in.
  useEffect(() => {
    const current = ws.current;
    if (!current || !ready) return;
    current.instance.zoom(zoom);
    if (zoom <= 0 || !overview.current) return;
    const minimap = current.instance.registerPlugin(
      current.MinimapPlugin.create({ container: overview.current, cspNonce: documentNonce() ?? cspNonce, height: 28, waveColor: "#8a7f76", progressColor: "#e8590c", overlayColor: "rgba(245, 159, 74, 0.25)" }),
    );
    return () => minimap.destroy();
  }, [zoom, ready, cspNonce]);

  // The bar layers mount when the analysis arrives, maybe after the waveform was drawn and zoomed.
  const hasGrid = grid != null;
  useEffect(() => {
    if (ready && hasGrid) syncLayers.current();
  }, [ready, hasGrid]);

  const duration = peaks.duration || media.duration || 0;

  return (
    <div className="waveform" data-testid="waveform" data-ready={ready ? "true" : "false"}>
      <div className="waveform-stage">
        <div ref={container} className="waveform-canvas" style={{ height }} />
        {grid && duration > 0 ? (
          <div className="waveform-grid" aria-hidden="true">
            <div ref={gridLayer} className="waveform-layer">
              <BarLines grid={grid} duration={duration} width={drawnWidth} />
            </div>
          </div>
        ) : null}
        <div className="waveform-overlays" aria-label="On the waveform" role="group">
          <div ref={layer} className="waveform-layer">
            {duration > 0
              ? overlays
                  .filter((o) => o.start <= duration)
                  .map((o) => (
                    <OverlayMark key={o.id} overlay={o} duration={duration} onActivate={onOverlayActivate} />
                  ))
              : null}
          </div>
        </div>
      </div>
      {grid && duration > 0 ? (
        <div className="waveform-bar-ruler" aria-hidden="true">
          <div ref={barLayer} className="waveform-layer">
            <BarNumbers grid={grid} duration={duration} width={drawnWidth} />
          </div>
        </div>
      ) : null}
      <div ref={ruler} className="waveform-ruler" aria-hidden="true" />
      <div ref={overview} className="waveform-overview" aria-hidden="true" hidden={zoom <= 0} />
      {failed ? (
        <p className="small muted" role="status">
          The waveform could not be loaded; the take still plays.
        </p>
      ) : null}
    </div>
  );
}

function documentNonce(): string | undefined {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

function OverlayMark({ overlay, duration, onActivate }: { overlay: WaveformOverlay; duration: number; onActivate?: (id: string) => void }) {
  const left = (overlay.start / duration) * 100;
  const width = overlay.end != null && overlay.end > overlay.start ? ((Math.min(overlay.end, duration) - overlay.start) / duration) * 100 : 0;
  const time = overlay.end != null ? `${formatClock(overlay.start)}–${formatClock(overlay.end)}` : formatClock(overlay.start);
  // Near an end of the waveform the tip opens inwards, so it stays on a phone's screen.
  const side = left < 25 ? " tip-start" : left > 75 ? " tip-end" : "";
  const cls = `waveform-mark is-${overlay.kind}${overlay.resolved ? " is-resolved" : ""}${side}`;
  return (
    <>
      {width > 0 ? <span className={`waveform-span is-${overlay.kind}`} style={{ left: `${left}%`, width: `${width}%` }} aria-hidden="true" /> : null}
      <button
        type="button"
        className={cls}
        style={{ left: `${left}%` }}
        onClick={() => onActivate?.(overlay.id)}
        aria-label={`${time} ${overlay.label}`}
        data-testid="waveform-overlay"
        data-overlay-id={overlay.id}
      >
        <span className="waveform-pin" aria-hidden="true" />
        <span className="waveform-tip" aria-hidden="true">
          <span className="mono">{time}</span> {overlay.label}
        </span>
      </button>
    </>
  );
}
