/**
 * Takes of one song start their music at different points of their files:
 * `offsetSeconds` is where this take's music starts. A moment in the song is
 * the same across takes once each take's offset is taken off.
 */
export function mapTimeBetweenTakes(seconds: number, from: { offsetSeconds: number }, to: { offsetSeconds: number; durationSeconds?: number | null }): number {
  const songTime = seconds - from.offsetSeconds;
  const mapped = Math.max(0, songTime + to.offsetSeconds);
  return to.durationSeconds != null && to.durationSeconds > 0 ? Math.min(mapped, to.durationSeconds) : mapped;
}
