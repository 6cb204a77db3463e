import { OFFSET_SECONDS_MAX } from "@/features/takes/take.limits";
import type { WaveformPeaks } from "./peaks";

/**
 * The align panel's two waveform strips show this many seconds from the
 * reference take's start: enough to see the first bars, close enough that a
 * second of offset is a visible drag on a phone (about 8 px a second at 330 px).
 */
export const ALIGN_WINDOW_SECONDS = 40;

export const ALIGN_STEP_SECONDS = 0.1;
export const ALIGN_BIG_STEP_SECONDS = 1;

/** An offset as the schema takes it: within ±OFFSET_SECONDS_MAX and on a tenth of a second. */
export function normalizeOffset(seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  const clamped = Math.max(-OFFSET_SECONDS_MAX, Math.min(OFFSET_SECONDS_MAX, seconds));
  const rounded = Math.round(clamped * 10) / 10;
  // No "-0.0 s" in the readout.
  return rounded === 0 ? 0 : rounded;
}

export function pixelsPerSecond(widthPx: number, windowSeconds = ALIGN_WINDOW_SECONDS): number {
  return widthPx > 0 && windowSeconds > 0 ? widthPx / windowSeconds : 0;
}

export function pixelsToSeconds(px: number, widthPx: number, windowSeconds = ALIGN_WINDOW_SECONDS): number {
  const rate = pixelsPerSecond(widthPx, windowSeconds);
  return rate > 0 ? px / rate : 0;
}

export function secondsToPixels(seconds: number, widthPx: number, windowSeconds = ALIGN_WINDOW_SECONDS): number {
  return seconds * pixelsPerSecond(widthPx, windowSeconds);
}

/**
 * Both strips are drawn on the reference's file time. This take's file time
 * `t` sits at `t - shift` there, so its music start (its offset) lines up with
 * the reference's: the strip is shifted by the difference of the two offsets.
 */
export function stripShiftSeconds(offset: number, referenceOffset: number): number {
  return offset - referenceOffset;
}

/**
 * The offset after dragging this take's strip `dxPx` pixels (right positive)
 * from where it was at `startOffset`: the waveform follows the pointer, so
 * dragging it right makes its music start earlier in its file.
 */
export function offsetAfterDrag(startOffset: number, dxPx: number, widthPx: number, windowSeconds = ALIGN_WINDOW_SECONDS): number {
  return normalizeOffset(startOffset - pixelsToSeconds(dxPx, widthPx, windowSeconds));
}

type KeyLike = { key: string; shiftKey?: boolean };

/**
 * The offset after a key on the strip (a slider: right and up raise the value,
 * Shift takes whole seconds, Page keys too; Home goes back to the saved
 * offset), or null for a key the strip leaves alone.
 */
export function offsetAfterKey(offset: number, saved: number, e: KeyLike): number | null {
  const step = e.shiftKey ? ALIGN_BIG_STEP_SECONDS : ALIGN_STEP_SECONDS;
  switch (e.key) {
    case "ArrowRight":
    case "ArrowUp":
      return normalizeOffset(offset + step);
    case "ArrowLeft":
    case "ArrowDown":
      return normalizeOffset(offset - step);
    case "PageUp":
      return normalizeOffset(offset + ALIGN_BIG_STEP_SECONDS);
    case "PageDown":
      return normalizeOffset(offset - ALIGN_BIG_STEP_SECONDS);
    case "Home":
      return normalizeOffset(saved);
    default:
      return null;
  }
}

/**
 * Per canvas column, the lowest and highest sample (-1..1, all channels) of
 * the peaks between `fromSeconds + i * secondsPerColumn` and the next column,
 * or null where the take has no audio (before its start, after its end).
 */
export function stripColumns(peaks: WaveformPeaks, fromSeconds: number, secondsPerColumn: number, columns: number): ([number, number] | null)[] {
  const out: ([number, number] | null)[] = new Array(Math.max(0, columns)).fill(null);
  const pixels = (peaks.channels[0]?.length ?? 0) / 2;
  if (pixels <= 0 || peaks.duration <= 0 || secondsPerColumn <= 0) return out;
  const perSecond = pixels / peaks.duration;
  for (let c = 0; c < out.length; c++) {
    const from = fromSeconds + c * secondsPerColumn;
    const to = from + secondsPerColumn;
    if (to <= 0 || from >= peaks.duration) continue;
    const first = Math.max(0, Math.floor(from * perSecond));
    // At least one peak pixel per column, even when zoomed in past the peaks' resolution.
    const last = Math.min(pixels, Math.max(first + 1, Math.ceil(to * perSecond)));
    let lo = 1;
    let hi = -1;
    for (const ch of peaks.channels) {
      for (let p = first; p < last; p++) {
        lo = Math.min(lo, ch[p * 2] ?? 0);
        hi = Math.max(hi, ch[p * 2 + 1] ?? 0);
      }
    }
    if (hi >= lo) out[c] = [lo, hi];
  }
  return out;
}

/**
 * The take's loudest sample (0..1, any channel), so a strip can be drawn to
 * its full height: quiet phone recordings would otherwise be a flat line.
 */
export function peakLevel(peaks: WaveformPeaks): number {
  let level = 0;
  for (const ch of peaks.channels) for (const v of ch) level = Math.max(level, Math.abs(v));
  return level;
}

/** What a screen reader says for an offset. */
export function spokenOffset(seconds: number): string {
  const value = normalizeOffset(seconds);
  if (value === 0) return "0 seconds: the music starts at the start of the file";
  const abs = Math.abs(value).toFixed(1);
  return value > 0 ? `${abs} seconds: the music starts ${abs} seconds into the file` : `minus ${abs} seconds: the music started ${abs} seconds before the file`;
}
