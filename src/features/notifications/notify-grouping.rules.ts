/**
 * When one person's reply or mention mail goes out. The first after a quiet
 * spell waits `settleSeconds` (a minute), so comments written together land
 * in one mail; after a mail, the next waits until `windowSeconds` (five
 * minutes) have passed since it. Whatever happens meanwhile is listed in that
 * next mail: nobody gets more than one mail of each kind per window, however
 * many comments name them.
 */
export type NotifyTiming = { settleSeconds: number; windowSeconds: number };

export const NOTIFY_TIMING: NotifyTiming = { settleSeconds: 60, windowSeconds: 5 * 60 };

/** Seconds from `now` until the person's next grouped mail of this kind may go out. */
export function deliveryDelaySeconds(lastSentAt: Date | null, now: Date, timing: NotifyTiming): number {
  const settle = Math.max(0, timing.settleSeconds);
  if (!lastSentAt) return settle;
  const windowLeft = timing.windowSeconds - (now.getTime() - lastSentAt.getTime()) / 1000;
  return Math.ceil(Math.max(settle, windowLeft));
}
