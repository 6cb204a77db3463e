import { z } from "zod";

const seconds = z.coerce.number().finite().min(0).max(24 * 3600);

/** `?t=&end=` of a song link: where to start and, when given, the passage to loop. Bad values are dropped, never an error. */
export function parseMoment(params: { t?: string | null; end?: string | null }): { start: number | null; end: number | null } {
  const start = params.t != null && params.t !== "" ? seconds.safeParse(params.t) : null;
  const startValue = start?.success ? start.data : null;
  const end = params.end != null && params.end !== "" ? seconds.safeParse(params.end) : null;
  const endValue = end?.success && startValue != null && end.data > startValue ? end.data : null;
  return { start: startValue, end: endValue };
}

/** A link to this moment (and passage) of this take. */
export function momentLink(origin: string, path: string, take: string, start: number, end?: number | null): string {
  const url = new URL(path, origin);
  url.searchParams.set("take", take);
  url.searchParams.set("t", round(start));
  if (end != null && end > start) url.searchParams.set("end", round(end));
  return url.toString();
}

function round(n: number): string {
  return String(Math.round(Math.max(0, n) * 10) / 10);
}
