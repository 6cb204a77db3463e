/** A member who can be mentioned: their id and display name. */
export type Mentionable = { userId: string; name: string };

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The members a body mentions as "@Name" (display name, any case). Longer
 * names win over shorter ones that start the same ("@Anna Lee" over "@Anna");
 * a name must end at a non-word character or the end of the body, so
 * "@Annabel" does not mention Anna. Each member once, in order of first mention.
 */
export function parseMentions(body: string, members: readonly Mentionable[]): string[] {
  const named = members
    .map((m) => ({ userId: m.userId, name: m.name.trim() }))
    .filter((m) => m.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  const lower = body.toLowerCase();
  for (let i = lower.indexOf("@"); i !== -1; i = lower.indexOf("@", i + 1)) {
    if (i > 0 && WORD.test(body[i - 1]!)) continue; // an email address, not a mention
    const rest = lower.slice(i + 1);
    const match = named.find((m) => rest.startsWith(m.name.toLowerCase()) && !WORD.test(rest[m.name.length] ?? " "));
    if (match && !found.includes(match.userId)) found.push(match.userId);
  }
  return found;
}

/**
 * The "@query" being typed at the caret, for autocomplete: the text after the
 * last "@" that starts a word, when the caret sits inside it. Null otherwise.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1) return null;
  if (at > 0 && WORD.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/** Members whose display name starts with (then contains) the query, at most `limit`. */
export function mentionSuggestions<T extends Mentionable>(members: readonly T[], query: string, limit = 6): T[] {
  const q = query.trim().toLowerCase();
  const starts = members.filter((m) => m.name.toLowerCase().startsWith(q));
  const contains = members.filter((m) => !starts.includes(m) && m.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}
