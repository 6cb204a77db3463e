import { distance } from "fastest-levenshtein";

export type SongChoice = { id: string; title: string };

export type SongSuggestion = { kind: "existing"; songId: string; title: string } | { kind: "new"; title: string };

/** Song titles are at most this long (song.schema). */
const TITLE_MAX = 120;
/** How alike two normalised titles must be (1 - edit distance / longer length) to count as the same song. */
const SIMILAR_ENOUGH = 0.75;
/** Below this length one letter is a different song ("Song A", "Song B"): only an exact match counts. */
const FUZZY_MIN_LENGTH = 8;

const DATE_PATTERNS = [
  // 2026-12-01, 2026_12_01, 2026.12.01, 2026 12 01, optionally followed by a time (14-32, 14.32.05, 1432)
  /\b(?:19|20)\d{2}[-_. ](?:0?[1-9]|1[0-2])[-_. ](?:0?[1-9]|[12]\d|3[01])(?:[-_. T]+[0-2]?\d[-_.:h]?[0-5]\d(?:[-_.:]?[0-5]\d)?)?\b/gi,
  // 01-12-2026, 01.12.2026, 1_12_26 (day or month first)
  /\b(?:0?[1-9]|[12]\d|3[01])[-_.](?:0?[1-9]|[12]\d|3[01])[-_.](?:(?:19|20)\d{2}|\d{2})(?:[-_. T]+[0-2]?\d[-_.:h]?[0-5]\d(?:[-_.:]?[0-5]\d)?)?\b/gi,
  // 20261201, optionally with a time: 20261201_143205, 20261201-1432
  /\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[-_T ]?[0-2]\d[0-5]\d(?:[0-5]\d)?)?\b/gi,
  // 261201_1432: a recorder's yymmdd_hhmm
  /\b\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-_ ][0-2]\d[0-5]\d(?:[0-5]\d)?\b/gi,
];

/** Words that number a take or a track rather than name the song. */
const TAKE_PATTERNS = [
  /\b(?:take|tk|track|trk|version|ver|rehearsal|demo|mix)[\s.#-]*\d+\b/gi,
  /\b(?:take|tk|v)\d+\b/gi,
  /[([]\s*\d{1,3}\s*[)\]]/g,
  /\b(?:copy|final|new recording|voice memo|recording|audio)\b(?=\s*\d*\s*$)/gi,
];

/**
 * The song title a file name suggests: no extension, dates, times, track
 * numbers ("01 - "), take numbers ("take 3", "(2)"), underscores or stray
 * separators. Empty when nothing of a title is left.
 */
export function cleanTitle(fileName: string): string {
  let name = fileName.normalize("NFC").replace(/\.[a-z0-9]{1,5}$/i, "");
  name = name.replace(/[_+]+/g, " ");
  for (const pattern of DATE_PATTERNS) name = name.replace(pattern, " ");
  for (const pattern of TAKE_PATTERNS) name = name.replace(pattern, " ");
  // A leading track number: "01 - ", "1. ", "3) ", "03 ", "A1 " (a side and track). A bare
  // number before a space only when zero-padded, so "99 Luftballons" keeps its number.
  name = name.replace(/^\s*(?:[A-D]?\d{1,3}\s*[-.)]|0\d\s|[A-D]\d{1,2}\s)\s*(?=\S)/i, "");
  name = name.replace(/\s+/g, " ");
  // Separators left dangling at either end or doubled in the middle.
  name = name.replace(/(?:\s*[-–—.,;:~]\s*){2,}/g, " - ").replace(/^[\s\-–—.,;:~]+|[\s\-–—.,;:~]+$/g, "");
  name = name.replace(/\(\s*\)|\[\s*\]/g, "").replace(/\s+/g, " ").trim();
  if (/^\d*$/.test(name)) return "";
  // An all-lowercase name ("midnight_ferry") reads better as a title.
  if (name === name.toLowerCase()) name = name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
  return name.slice(0, TITLE_MAX).trim();
}

/** Case-, accent- and punctuation-blind form of a title, for comparing. */
export function normaliseTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function likeness(a: string, b: string): number {
  if (a === b) return 1;
  // The file name holds the whole song title as words ("midnight ferry slow" for "Midnight Ferry").
  if (b.length >= 3 && ` ${a} `.includes(` ${b} `)) return 0.9;
  if (Math.min(a.length, b.length) < FUZZY_MIN_LENGTH) return 0;
  // "Part 2" is not "Part 3", however alike the letters.
  if (numbersIn(a) !== numbersIn(b)) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

const numbersIn = (title: string) => (title.match(/\d+/g) ?? []).join(" ");

/**
 * The song a file most likely belongs to: an existing song whose title the
 * cleaned file name matches closely enough, the best match first (ties go to
 * the earlier song in the list), else a new song titled from the file name.
 */
export function suggestSong(fileName: string, songs: readonly SongChoice[]): SongSuggestion {
  const title = cleanTitle(fileName);
  const wanted = normaliseTitle(title);
  let best: { song: SongChoice; score: number } | null = null;
  if (wanted) {
    for (const song of songs) {
      const candidate = normaliseTitle(song.title);
      if (!candidate) continue;
      const score = likeness(wanted, candidate);
      if (score >= SIMILAR_ENOUGH && (!best || score > best.score)) best = { song, score };
    }
  }
  if (best) return { kind: "existing", songId: best.song.id, title: best.song.title };
  return { kind: "new", title: title || fallbackTitle(fileName) };
}

/** When the name held nothing but a date or a number: keep it, so the song can still be told apart. */
function fallbackTitle(fileName: string): string {
  const bare = fileName.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/_+/g, " ").replace(/\s+/g, " ").trim();
  return (bare || "Untitled").slice(0, TITLE_MAX).trim();
}
