/**
 * EBU R128 figures from ffmpeg's `ebur128=peak=true` filter, which logs a
 * summary when it ends:
 *
 *   Integrated loudness:
 *     I:         -21.8 LUFS
 *   ...
 *   True peak:
 *     Peak:      -21.1 dBFS
 *
 * Pure: stderr text in, numbers out. Silence gives -70 LUFS (the gate) and
 * -inf dBFS, stored as null.
 */
export type Loudness = { integratedLufs: number | null; truePeakDb: number | null };

export function parseEbur128Summary(stderr: string): Loudness | null {
  const at = stderr.lastIndexOf("Summary:");
  if (at < 0) return null;
  const summary = stderr.slice(at);
  const integrated = /Integrated loudness:\s*\n\s*I:\s*(-?(?:\d+(?:\.\d+)?|inf))\s*LUFS/.exec(summary);
  const peak = /True peak:\s*\n\s*Peak:\s*(-?(?:\d+(?:\.\d+)?|inf))\s*dBFS/.exec(summary);
  if (!integrated) return null;
  return { integratedLufs: finite(integrated[1]), truePeakDb: peak ? finite(peak[1]) : null };
}

function finite(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
