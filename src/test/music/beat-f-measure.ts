/**
 * The F-measure of estimated beats against true ones (the usual beat-tracking
 * score): a beat is found when an estimate lies within `tolerance` seconds of
 * it, each estimate matching at most one beat. 1 when both are empty. Pure.
 */
export function beatFMeasure(truth: number[], estimated: number[], tolerance = 0.07): number {
  if (truth.length === 0 && estimated.length === 0) return 1;
  if (truth.length === 0 || estimated.length === 0) return 0;
  const used = new Array<boolean>(estimated.length).fill(false);
  let hits = 0;
  let j = 0;
  for (const t of truth) {
    while (j < estimated.length && estimated[j]! < t - tolerance) j++;
    let best = -1;
    for (let k = j; k < estimated.length && estimated[k]! <= t + tolerance; k++) {
      if (!used[k] && (best < 0 || Math.abs(estimated[k]! - t) < Math.abs(estimated[best]! - t))) best = k;
    }
    if (best >= 0) {
      used[best] = true;
      hits++;
    }
  }
  const precision = hits / estimated.length;
  const recall = hits / truth.length;
  return hits === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
