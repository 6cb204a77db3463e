"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { OFFSET_SECONDS_MAX } from "@/features/takes/take.limits";
import type { WaveformPeaks } from "../peaks";
import { ALIGN_WINDOW_SECONDS, offsetAfterDrag, offsetAfterKey, peakLevel, spokenOffset, stripColumns, stripShiftSeconds } from "../align-strip";
import type { PeaksState } from "./use-peaks";

const STRIP_HEIGHT = 56;
const OFFSET_MIN = -OFFSET_SECONDS_MAX;
const GRID_SECONDS = 5;

type Props = {
  reference: { label: string; offsetSeconds: number; peaks: PeaksState };
  take: { label: string; peaks: PeaksState };
  /** The draft offset of this take, and the saved one (Home goes back to it). */
  offset: number;
  saved: number;
  canEdit: boolean;
  /** Why the strip does not move, for those who may not change it. */
  readOnlyReason: string;
  onChange: (offset: number) => void;
};

/**
 * Two waveform strips on the reference take's time: the reference, fixed,
 * and this take, shifted by the difference of their offsets. Dragging this
 * take's strip (mouse, pen or finger; vertical swipes still scroll) or using
 * its arrow keys changes the draft offset.
 */
export function AlignStrips({ reference, take, offset, saved, canEdit, readOnlyReason, onChange }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const drag = useRef<{ pointerId: number; x: number; start: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const shift = stripShiftSeconds(offset, reference.offsetSeconds);

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (!canEdit || (e.pointerType === "mouse" && e.button !== 0)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { pointerId: e.pointerId, x: e.clientX, start: offset };
    setDragging(true);
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    onChange(offsetAfterDrag(d.start, e.clientX - d.x, width));
  }
  function endDrag(e: PointerEvent<HTMLDivElement>, cancelled: boolean) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    // A cancelled drag (the browser took the gesture for scrolling) changes nothing.
    if (cancelled) onChange(d.start);
    drag.current = null;
    setDragging(false);
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!canEdit || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = offsetAfterKey(offset, saved, e);
    if (next == null) return;
    e.preventDefault();
    onChange(next);
  }

  return (
    <div className="align-strips" ref={box} data-testid="align-strips">
      <p className="small muted align-strip-label">
        {reference.label} <span className="faint">(reference, first {ALIGN_WINDOW_SECONDS} s, a line every {GRID_SECONDS} s)</span>
      </p>
      <div className="align-strip is-reference" data-testid="align-reference">
        <StripCanvas peaks={reference.peaks} fromSeconds={0} width={width} tone="reference" testId="align-reference-canvas" />
      </div>
      <p className="small muted align-strip-label">
        {take.label}{" "}
        <span className="faint">{canEdit ? "(drag it sideways until it lines up, or use the arrow keys)" : "(shown as saved)"}</span>
      </p>
      <div
        className={`align-strip is-take${canEdit ? " is-movable" : ""}${dragging ? " is-dragging" : ""}`}
        role="slider"
        tabIndex={0}
        aria-label={`Offset of ${take.label}`}
        aria-valuemin={OFFSET_MIN}
        aria-valuemax={OFFSET_SECONDS_MAX}
        aria-valuenow={offset}
        aria-valuetext={spokenOffset(offset)}
        aria-readonly={canEdit ? undefined : true}
        aria-describedby={canEdit ? undefined : hintId}
        aria-orientation="horizontal"
        data-testid="align-strip"
        data-shift={shift}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => endDrag(e, false)}
        onPointerCancel={(e) => endDrag(e, true)}
        onLostPointerCapture={(e) => endDrag(e, false)}
        onKeyDown={onKeyDown}
      >
        <StripCanvas peaks={take.peaks} fromSeconds={shift} width={width} tone="take" testId="align-take-canvas" />
      </div>
      {!canEdit ? (
        <p className="hint m-0" id={hintId}>
          {readOnlyReason}
        </p>
      ) : null}
    </div>
  );
}

/** A strip's canvas: the peaks from `fromSeconds` over the window, with a grid line every few seconds of the window. */
function StripCanvas({ peaks, fromSeconds, width, tone, testId }: { peaks: PeaksState; fromSeconds: number; width: number; tone: "reference" | "take"; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data: WaveformPeaks | null = peaks.state === "ready" ? peaks.peaks : null;
  // Once per take, not on every move of a drag.
  const level = useMemo(() => (data ? peakLevel(data) : 1), [data]);
  const scheme = useColorScheme();
  useEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(width * dpr);
    el.height = Math.round(STRIP_HEIGHT * dpr);
    const ctx = el.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, STRIP_HEIGHT);
    const styles = getComputedStyle(el);
    const color = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    ctx.fillStyle = color("--border", "#3a332c");
    for (let s = GRID_SECONDS; s < ALIGN_WINDOW_SECONDS; s += GRID_SECONDS) ctx.fillRect(Math.round((s / ALIGN_WINDOW_SECONDS) * width), 0, 1, STRIP_HEIGHT);
    if (!data) return;
    const columns = Math.floor(width);
    const mid = STRIP_HEIGHT / 2;
    ctx.fillStyle = tone === "take" ? color("--accent", "#e8590c") : color("--wave", "#8a7f76");
    const cols = stripColumns(data, fromSeconds, ALIGN_WINDOW_SECONDS / columns, columns);
    // Each take drawn to its own full height: their shapes are what gets lined up, not their levels.
    const scale = (mid - 2) / Math.max(level, 1e-3);
    cols.forEach((c, x) => {
      if (!c) return;
      const top = mid - c[1] * scale;
      const bottom = mid - c[0] * scale;
      ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
    });
  }, [data, level, fromSeconds, width, tone, scheme]);
  const note = peaks.state === "loading" ? "Loading the waveform…" : peaks.state === "missing" ? "The waveform is on its way." : peaks.state === "error" ? "The waveform could not be loaded." : null;
  return (
    <>
      <canvas ref={canvas} className="align-canvas" style={{ height: STRIP_HEIGHT }} aria-hidden="true" data-testid={testId} data-ready={data ? "true" : "false"} />
      {note ? <span className="align-strip-note small muted">{note}</span> : null}
    </>
  );
}

/** The theme in force, so the canvases are drawn again in the other theme's colours when it changes. */
function useColorScheme(): "dark" | "light" {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const update = () => setDark(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return dark ? "dark" : "light";
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
