import { gigDay } from "@/features/setlists/setlist.rules";

/** Words that, in a set's name, already say the gig's day ("Tonight at the Crown" is today's). */
const SAME_DAY: Record<string, readonly string[]> = { today: ["today", "tonight"], tomorrow: ["tomorrow"] };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function nameSaysDay(name: string, day: string): boolean {
  const words = SAME_DAY[day] ?? [day];
  return words.some((word) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(word)}($|[^\\p{L}\\p{N}])`, "iu").test(name));
}

/**
 * The band page's line about the next gig, said naturally: "2 songs not ready
 * for Friday at the Crown" when the set's name already holds the day, else
 * "2 songs not ready for Spring social (Friday)".
 */
export function nextGigLine({ name, performAt, notReadyCount, now }: { name: string; performAt: Date; notReadyCount: number; now: Date }): string {
  const day = gigDay(performAt, now);
  const gig = nameSaysDay(name, day) ? name : `${name} (${day})`;
  if (notReadyCount === 0) return `Everyone is ready for ${gig}.`;
  return `${notReadyCount} ${notReadyCount === 1 ? "song" : "songs"} not ready for ${gig}.`;
}
