import { find } from "linkifyjs";

/** A comment body cut into plain text and links, for rendering as text nodes and anchors. */
export type BodySegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** The only link targets a comment can open. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Finds web addresses in a body (linkifyjs, which knows the top-level
 * domains and trailing punctuation) and keeps only http(s) targets; anything
 * else (javascript:, data:, mailto:, a bare email) stays plain text.
 */
export function linkSegments(body: string): BodySegment[] {
  const out: BodySegment[] = [];
  let pos = 0;
  for (const hit of find(body, "url")) {
    const href = safeHref(hit.href);
    if (!href) continue;
    if (hit.start > pos) out.push({ kind: "text", text: body.slice(pos, hit.start) });
    out.push({ kind: "link", text: body.slice(hit.start, hit.end), href });
    pos = hit.end;
  }
  if (pos < body.length) out.push({ kind: "text", text: body.slice(pos) });
  return out;
}
