"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useModalDialog } from "@/components/use-modal-dialog";
import type { Chart } from "../chart/chart.rules";
import { ChordChart } from "./chord-chart";
import { TransposeBar } from "./transpose-bar";
import { useWakeLock, wakeLockMessage } from "./use-wake-lock";

type Props = {
  title: string;
  chart: Chart;
  songKey: string | null;
  semitones: number;
  onTranspose: (n: number) => void;
  /** Called once the dialog has closed (Close, Escape); focus is back on what opened it. */
  onClose: () => void;
};

/** Pixels a second: about a line every two seconds at stage size. */
const SCROLL_SPEED = 24;

/**
 * The chart for the stage: the whole screen, one column, large type, light on black;
 * the screen kept awake where the browser allows (and said when it does not); Escape
 * or Close leaves. Loaded only when someone opens it.
 */
export function StageView({ title, chart, songKey, semitones, onTranspose, onClose }: Props) {
  const { dialogRef, onDialogClose } = useModalDialog(true, onClose);
  const titleId = useId();
  const wake = useWakeLock(true);
  const body = useRef<HTMLDivElement>(null);
  const [scrolling, setScrolling] = useState(false);

  useEffect(() => {
    if (!scrolling) return;
    const el = body.current;
    if (!el) return;
    let last = performance.now();
    let carry = 0;
    let frame = requestAnimationFrame(function step(now) {
      carry += ((now - last) / 1000) * SCROLL_SPEED;
      last = now;
      const whole = Math.floor(carry);
      if (whole > 0) {
        el.scrollTop += whole;
        carry -= whole;
      }
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
        setScrolling(false);
        return;
      }
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [scrolling]);

  return (
    <dialog ref={dialogRef} className="stage-view" aria-labelledby={titleId} onClose={onDialogClose} data-testid="stage-view">
      <div className="stage-bar">
        <h2 id={titleId} className="stage-title user-text">
          {title}
        </h2>
        <TransposeBar songKey={songKey} semitones={semitones} onChange={onTranspose} />
        <button type="button" className="btn btn-secondary" aria-pressed={scrolling} onClick={() => setScrolling((s) => !s)}>
          {scrolling ? "Stop scrolling" : "Auto-scroll"}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => dialogRef.current?.close()}>
          Close
        </button>
      </div>
      <p className={`stage-wake stage-wake-${wake}`} role="status" data-testid="wake-lock-status">
        {wakeLockMessage[wake]}
      </p>
      <div className="stage-body" ref={body} tabIndex={0} aria-label={`${title}: chart`} autoFocus>
        <ChordChart chart={chart} stage />
      </div>
    </dialog>
  );
}
