"use client";

import { useSyncExternalStore } from "react";
import { countdownWording } from "@/features/setlists/setlist.rules";

const subscribeNothing = () => () => {};

/** "in 5 days", from the viewer's own calendar: rendered in the browser only (the server knows neither their clock nor their zone). */
export function Countdown({ date, className = "countdown" }: { date: Date; className?: string }) {
  const inBrowser = useSyncExternalStore(subscribeNothing, () => true, () => false);
  if (!inBrowser) return null;
  return (
    <span className={className} data-testid="countdown">
      {countdownWording(date, new Date())}
    </span>
  );
}
