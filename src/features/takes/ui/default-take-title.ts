/**
 * A take's default name, for takes without a title: its number, the day it
 * was uploaded and the file it came from ("Take 4 · 1 Dec · bridge-idea.m4a").
 * The day is in UTC unless a time zone is given, so server and client agree.
 */
export function defaultTakeTitle(take: { number: number; createdAt: Date; originalName?: string | null }, timeZone = "UTC"): string {
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone }).format(take.createdAt);
  const file = take.originalName?.trim();
  return [`Take ${take.number}`, day, file].filter(Boolean).join(" · ");
}
