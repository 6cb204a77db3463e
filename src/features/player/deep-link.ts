// Plain code, not a zod schema: the song page's player imports this module before it hydrates.
/** A link's number of seconds as `Number()` reads it, kept when finite and within 0 to 24 h. */
function seconds(value: string | null | undefined): number | null {
  if (value == null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 24 * 3600 ? n : null;
}

/** `?t=&end=` of a song link: where to start and, when given, the passage to loop. Bad values are dropped, never an error. */
export function parseMoment(params: { t?: string | null; end?: string | null }): { start: number | null; end: number | null } {
  const startValue = seconds(params.t);
  const end = seconds(params.end);
  const endValue = end != null && startValue != null && end > startValue ? end : null;
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
