/**
 * Recorded time with pauses: the sum of the stretches the recorder ran. Pure
 * values, so the timer and the stored length of a recording agree.
 */
export type RecordingClock = { accumulatedMs: number; runningSince: number | null };

export const startClock = (now: number): RecordingClock => ({ accumulatedMs: 0, runningSince: now });

export function pauseClock(clock: RecordingClock, now: number): RecordingClock {
  if (clock.runningSince === null) return clock;
  return { accumulatedMs: clock.accumulatedMs + Math.max(0, now - clock.runningSince), runningSince: null };
}

export function resumeClock(clock: RecordingClock, now: number): RecordingClock {
  return clock.runningSince === null ? { ...clock, runningSince: now } : clock;
}

export function elapsedMs(clock: RecordingClock, now: number): number {
  return clock.accumulatedMs + (clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince));
}

/** The timer: "0:07", "12:34", "1:02:03" (never negative, whole seconds). */
export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
