/**
 * Volumes (0..1, for `audio.volume`) that make two takes sound equally loud:
 * the quieter plays at full volume and the louder is turned down by the
 * difference in integrated loudness. Web Audio gain could boost the quieter
 * one instead, but it stops playback on a locked phone, so we only attenuate.
 */
export function matchedVolume(lufs: number | null | undefined, otherLufs: number | null | undefined): number {
  if (lufs == null || otherLufs == null || !Number.isFinite(lufs) || !Number.isFinite(otherLufs)) return 1;
  const louderBy = lufs - otherLufs;
  if (louderBy <= 0) return 1;
  return Math.max(0, Math.min(1, 10 ** (-louderBy / 20)));
}
