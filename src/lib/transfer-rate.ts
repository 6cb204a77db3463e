/** One reading of a transfer: bytes done so far at a moment (ms, any monotonic clock). */
export type ProgressSample = { at: number; loaded: number };

export type TransferRate = {
  /** Smoothed speed, or null until there is enough to say. */
  bytesPerSecond: number | null;
  /** Time left at that speed, or null when unknown. */
  secondsLeft: number | null;
};

/** Speed is averaged over this much recent time: steady enough to read, quick to follow a change of network. */
export const RATE_WINDOW_MS = 5000;
/** Below this span of samples a speed would be noise. */
const MIN_SPAN_MS = 500;

/**
 * The samples to keep after a new one: those inside the window (plus the last
 * one before it, so the window stays full). A reading that goes backwards (a
 * resumed upload re-sending a part the server never got) starts afresh.
 */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample, windowMs = RATE_WINDOW_MS): ProgressSample[] {
  const last = samples[samples.length - 1];
  if (last && (sample.loaded < last.loaded || sample.at < last.at)) return [sample];
  const next = [...samples, sample];
  const firstInside = next.findIndex((s) => sample.at - s.at <= windowMs);
  return next.slice(Math.max(0, firstInside - 1));
}

/** Speed over the kept samples and the time left to `total`. */
export function transferRate(samples: readonly ProgressSample[], total: number): TransferRate {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at - first.at < MIN_SPAN_MS) return { bytesPerSecond: null, secondsLeft: null };
  const bytesPerSecond = ((last.loaded - first.loaded) * 1000) / (last.at - first.at);
  if (!(bytesPerSecond > 0)) return { bytesPerSecond: 0, secondsLeft: null };
  return { bytesPerSecond, secondsLeft: Math.max(0, total - last.loaded) / bytesPerSecond };
}

/** "1.5 MB/s", "320 KB/s". */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1024 * 1024) return `${(bytesPerSecond / (1024 * 1024)).toFixed(1)} MB/s`;
  if (bytesPerSecond >= 1024) return `${Math.round(bytesPerSecond / 1024)} KB/s`;
  return `${Math.round(bytesPerSecond)} B/s`;
}

/** "about 3 min left", "12 s left", "1 h 05 min left". */
export function formatTimeLeft(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  if (s < 3600) return `about ${Math.round(s / 60)} min left`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return `about ${h} h ${String(m).padStart(2, "0")} min left`;
}
