import { find } from "linkifyjs";

/** A comment body cut into plain text, links and times in the take, for rendering as text nodes, anchors and seek links. */
export type BodySegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string } | { kind: "time"; text: string; seconds: number };

/** The only link targets a comment can open. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// "2:10", "12:05", "1:02:03": not inside a longer number, ratio or word ("3:4:5:6", "v2:10a", "10:30.5").
const TIME = /(?<![\p{L}\p{N}_:.])(?:(\d{1,2}):([0-5]\d):([0-5]\d)|(\d{1,3}):([0-5]\d))(?![\p{L}\p{N}_:]|[.,]\d)/gu;

/** Times written in a text (m:ss, h:mm:ss), each with its seconds, when within `0..maxSeconds`. */
export function findTimes(text: string, maxSeconds: number): { start: number; end: number; seconds: number }[] {
  const out: { start: number; end: number; seconds: number }[] = [];
  for (const m of text.matchAll(TIME)) {
    const seconds = m[1] != null ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : Number(m[4]) * 60 + Number(m[5]);
    if (seconds <= maxSeconds) out.push({ start: m.index, end: m.index + m[0].length, seconds });
  }
  return out;
}

/**
 * Finds web addresses in a body (linkifyjs, which knows the top-level
 * domains and trailing punctuation) and keeps only http(s) targets; anything
 * else (javascript:, data:, mailto:, a bare email) stays plain text. With the
 * take's length, times written outside addresses ("listen at 2:10") within
 * it become `time` segments, which the page renders as seek links.
 */
export function linkSegments(body: string, options: { takeSeconds?: number | null } = {}): BodySegment[] {
  const out: BodySegment[] = [];
  const text = (from: number, to: number) => {
    if (to <= from) return;
    const part = body.slice(from, to);
    const max = options.takeSeconds;
    let pos = 0;
    if (max != null && Number.isFinite(max) && max > 0) {
      for (const time of findTimes(part, max)) {
        if (time.start > pos) out.push({ kind: "text", text: part.slice(pos, time.start) });
        out.push({ kind: "time", text: part.slice(time.start, time.end), seconds: time.seconds });
        pos = time.end;
      }
    }
    if (pos < part.length) out.push({ kind: "text", text: part.slice(pos) });
  };
  let pos = 0;
  for (const hit of find(body, "url")) {
    const href = safeHref(hit.href);
    if (!href) continue;
    text(pos, hit.start);
    out.push({ kind: "link", text: body.slice(hit.start, hit.end), href });
    pos = hit.end;
  }
  text(pos, body.length);
  return out;
}
