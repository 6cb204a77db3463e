/** A tempo ladder: start slower and speed up each pass of the loop until full speed. */
export type TempoLadder = { startRate: number; stepRate: number; endRate: number };

export const DEFAULT_LADDER: TempoLadder = { startRate: 0.7, stepRate: 0.05, endRate: 1 };

/** The playback rate for loop pass `pass` (0 = the first time through). */
export function ladderRate(pass: number, ladder: TempoLadder = DEFAULT_LADDER): number {
  const { startRate, stepRate, endRate } = ladder;
  const passes = Math.max(0, Math.floor(pass));
  const rate = startRate + passes * stepRate;
  // Rounded to a hundredth so float steps (0.7 + 0.05 * 3) land on what the control shows.
  const rounded = Math.round(Math.min(rate, endRate) * 100) / 100;
  return clampRate(rounded);
}

/** The speed to go back to when the ladder is turned off: the one set before it started, else full speed. */
export function speedAfterLadder(before: number | null | undefined): number {
  return before == null ? 1 : clampRate(before);
}

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}
