"use client";

import { useSyncExternalStore } from "react";

const serverFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
const subscribeNothing = () => () => {};

/** A date in the reader's own time zone (the server, which cannot know it, renders UTC until hydration). */
export function LocalDate({ date, withTime = true }: { date: Date | string; withTime?: boolean }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const inBrowser = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const text = inBrowser
    ? d.toLocaleString(undefined, withTime ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short", year: "numeric" })
    : serverFormat.format(d);
  return (
    <time dateTime={d.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
