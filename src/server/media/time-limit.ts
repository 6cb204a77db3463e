import { maxDecodedSeconds } from "./plausible-audio";

/**
 * How long processing one take may run before ffmpeg is killed: generous
 * (twice real time would be a badly overloaded machine; the pipeline runs at
 * 30x or more), so only a stuck or hostile file reaches it. With no duration
 * known, the size stands in at 128 kb/s, the smallest common bitrate. Either
 * way the length counted is bounded by the bytes (maxDecodedSeconds), so a
 * header's claim can never buy a small file more time than its size.
 */
export function processingTimeLimitSeconds({ durationSeconds, sizeBytes }: { durationSeconds: number | null; sizeBytes: number }): number {
  const claimed = durationSeconds && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : sizeBytes / 16_000;
  const duration = Math.min(claimed, maxDecodedSeconds(sizeBytes));
  return Math.ceil(60 + duration / 2);
}
