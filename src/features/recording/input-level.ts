/** The quietest level the meter shows; below it the bar is empty. */
const FLOOR_DB = -60;

/** How loud a block of samples (-1..1) is, as 0..1 on a decibel scale from -60 dBFS to 0 dBFS. */
export function inputLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** The meter in words, for people who cannot see it. */
export function levelWords(level: number): string {
  if (level < 0.25) return "silent or very quiet";
  if (level < 0.5) return "quiet";
  if (level < 0.92) return "good";
  return "very loud, may distort";
}
