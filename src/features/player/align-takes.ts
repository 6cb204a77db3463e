/**
 * Suggests how far take B's music is shifted against take A's by
 * cross-correlating their loudness envelopes (values per frame, `frameRate`
 * frames a second). Returns the offset difference in seconds: B's music
 * starts that much later in its file than A's (negative: earlier), or null
 * when either envelope is flat or too short to say.
 */
export function suggestOffsetDifference(a: number[], b: number[], frameRate: number, maxShiftSeconds = 30): number | null {
  if (a.length < 4 || b.length < 4 || frameRate <= 0) return null;
  const za = standardize(a);
  const zb = standardize(b);
  if (!za || !zb) return null;
  const maxLag = Math.min(Math.round(maxShiftSeconds * frameRate), Math.max(a.length, b.length) - 1);
  let best = -Infinity;
  let bestLag = 0;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    // b[i + lag] lines up with a[i].
    let sum = 0;
    let n = 0;
    const from = Math.max(0, -lag);
    const to = Math.min(za.length, zb.length - lag);
    for (let i = from; i < to; i++) {
      sum += za[i]! * zb[i + lag]!;
      n++;
    }
    // Too little overlap says nothing.
    if (n < Math.min(za.length, zb.length) / 2) continue;
    const score = sum / n;
    if (score > best) {
      best = score;
      bestLag = lag;
    }
  }
  return best === -Infinity ? null : bestLag / frameRate;
}

/** Resamples an envelope of `fromRate` frames a second to `toRate`, keeping each window's peak. */
export function resampleEnvelope(values: number[], fromRate: number, toRate: number): number[] {
  if (fromRate <= 0 || toRate <= 0) return [];
  const ratio = fromRate / toRate;
  const length = Math.floor(values.length / ratio);
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    let peak = 0;
    const end = Math.min(values.length, Math.floor((i + 1) * ratio));
    for (let j = Math.floor(i * ratio); j < end; j++) peak = Math.max(peak, values[j]!);
    out[i] = peak;
  }
  return out;
}

function standardize(values: number[]): number[] | null {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  if (variance < 1e-12) return null;
  const sd = Math.sqrt(variance);
  return values.map((v) => (v - mean) / sd);
}
