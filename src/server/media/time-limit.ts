/**
 * How long processing one take may run before ffmpeg is killed: generous
 * (twice real time would be a badly overloaded machine; the pipeline runs at
 * 30x or more), so only a stuck or hostile file reaches it. With no duration
 * known, the size stands in at 128 kb/s, the smallest common bitrate.
 */
export function processingTimeLimitSeconds({ durationSeconds, sizeBytes }: { durationSeconds: number | null; sizeBytes: number }): number {
  const duration = durationSeconds && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : sizeBytes / 16_000;
  return Math.ceil(60 + duration / 2);
}
