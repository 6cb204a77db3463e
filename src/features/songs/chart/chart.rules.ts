import { isChord, transposeChord, type Spelling } from "./transpose.rules";

/**
 * Reading a song sheet as a chart: ChordPro (inline `[Bm]chords`, `{directives}`) and
 * chords written on their own line over the lyrics, in one pass, line by line. Each
 * lyric line becomes chord+text pairs, so the view can keep every chord above its
 * syllable however the line wraps. Pure; the UI only draws what this returns.
 */

/** A chord (or null) and the lyrics from it up to the next chord. */
export type ChordPair = { chord: string | null; text: string };

export type ChartLine =
  | { kind: "lyrics"; pairs: ChordPair[] }
  | { kind: "comment"; text: string }
  /** A tab or grid kept exactly as written (monospace). */
  | { kind: "verbatim"; text: string }
  | { kind: "blank" };

export type SectionKind = "verse" | "chorus" | "bridge" | "tab" | "part" | "none";

export type ChartSection = { kind: SectionKind; label: string | null; lines: ChartLine[] };

export type Chart = { title: string | null; subtitle: string | null; key: string | null; sections: ChartSection[] };

export type SheetFormat = "chordpro" | "chords-over-lyrics" | "plain";

const DIRECTIVE = /^\{\s*([A-Za-z_-]+)\s*(?::\s*(.*?))?\s*\}$/;
const INLINE_CHORD = /\[([^\]\n]*)\]/;
/** Section names a plain sheet uses as headings ("Chorus:", "[Verse 2]", "Bridge", "Pre-chorus x2"). */
const SECTION_HEADING = /^\[?\s*((?:pre[- ]?)?chorus|verse|bridge|intro|outro|solo|interlude|instrumental|refrain|tag|coda|break|ending|middle 8)\b([^\]:]{0,20}?)\s*\]?\s*:?\s*$/i;

function expandTabs(line: string): string {
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** True when every word of the line is a chord (bar lines and repeat marks allowed), and there is one. */
export function isChordLine(line: string): boolean {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return false;
  let chords = 0;
  for (const t of tokens) {
    if (isChord(t)) chords++;
    else if (!/^(\||\|\||:\|\|?|\|\|?:|\/|-|%|x\d+|\(x\d+\)|\d+x|N\.?C\.?)$/i.test(t)) return false;
  }
  return chords > 0;
}

function hasInlineChord(line: string): boolean {
  return INLINE_CHORD.test(line) && !SECTION_HEADING.test(line.trim());
}

/** Which way the sheet is written: ChordPro (directives or inline chords), chords over lyrics, or words only. */
export function detectFormat(text: string): SheetFormat {
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => DIRECTIVE.test(l.trim()) || hasInlineChord(l))) return "chordpro";
  if (lines.some((l) => isChordLine(l))) return "chords-over-lyrics";
  return "plain";
}

/** `[Bm]Riding the [E]dark water` as pairs. Brackets hold chords or annotations ("[N.C.]"). */
export function inlinePairs(line: string): ChordPair[] {
  const parts = line.split(/\[([^\]\n]*)\]/);
  const pairs: ChordPair[] = [];
  if (parts[0]) pairs.push({ chord: null, text: parts[0] });
  for (let i = 1; i < parts.length; i += 2) pairs.push({ chord: parts[i]!.trim(), text: parts[i + 1] ?? "" });
  return pairs;
}

/** A chord line over a lyric line as pairs: each chord takes the lyrics from its column to the next chord's. */
export function overPairs(chordLine: string, lyricLine: string): ChordPair[] {
  const chords = expandTabs(chordLine);
  const lyric = expandTabs(lyricLine).replace(/\s+$/, "");
  const found: { chord: string; at: number }[] = [];
  for (const m of chords.matchAll(/\S+/g)) found.push({ chord: m[0], at: m.index });
  const pairs: ChordPair[] = [];
  const first = found[0]?.at ?? lyric.length;
  if (first > 0 && lyric.slice(0, first)) pairs.push({ chord: null, text: lyric.slice(0, first) });
  found.forEach((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.at : lyric.length;
    // The last chord takes the rest of the line; a chord past the lyric's end takes nothing.
    pairs.push({ chord: f.chord, text: i + 1 < found.length ? lyric.slice(f.at, end) : lyric.slice(f.at) });
  });
  return pairs;
}

function sectionKind(name: string): SectionKind {
  const n = name.toLowerCase();
  if (n.includes("chorus") || n === "refrain") return "chorus";
  if (n === "verse") return "verse";
  if (n === "bridge" || n === "middle 8") return "bridge";
  return "part";
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Directive names and their short forms. */
const STARTS: Record<string, SectionKind> = {
  start_of_chorus: "chorus", soc: "chorus",
  start_of_verse: "verse", sov: "verse",
  start_of_bridge: "bridge", sob: "bridge",
  start_of_tab: "tab", sot: "tab",
  start_of_grid: "tab", sog: "tab",
};
const ENDS = new Set(["end_of_chorus", "eoc", "end_of_verse", "eov", "end_of_bridge", "eob", "end_of_tab", "eot", "end_of_grid", "eog"]);
const DEFAULT_LABEL: Record<SectionKind, string | null> = { chorus: "Chorus", verse: "Verse", bridge: "Bridge", tab: "Tab", part: null, none: null };

/** Reads a sheet (either way of writing, or a mix) into titled sections of lines. */
export function parseChart(text: string): Chart {
  const chart: Chart = { title: null, subtitle: null, key: null, sections: [] };
  let current: ChartSection = { kind: "none", label: null, lines: [] };
  // A heading line ("Chorus:") opens a section that a blank line closes; a directive's, its end directive.
  let closesOnBlank = false;
  const open = (kind: SectionKind, label: string | null, onBlank: boolean) => {
    if (current.lines.length > 0 || current.label) chart.sections.push(current);
    current = { kind, label, lines: [] };
    closesOnBlank = onBlank;
  };
  const close = () => open("none", null, false);

  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (current.kind === "tab" && !closesOnBlank) {
      const d = DIRECTIVE.exec(line);
      if (d && ENDS.has(d[1]!.toLowerCase())) close();
      else current.lines.push({ kind: "verbatim", text: raw });
      continue;
    }
    if (line === "") {
      if (closesOnBlank) close();
      else current.lines.push({ kind: "blank" });
      continue;
    }
    // ChordPro comments ("# ...") are for the writer, not the band on stage.
    if (line.startsWith("#")) continue;
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      const name = directive[1]!.toLowerCase();
      const value = directive[2]?.trim() || null;
      if (name === "title" || name === "t") chart.title = value;
      else if (name === "subtitle" || name === "st" || name === "artist") chart.subtitle = chart.subtitle ? `${chart.subtitle} · ${value ?? ""}` : value;
      else if (name === "key") chart.key = value;
      else if (STARTS[name]) open(STARTS[name], value ?? DEFAULT_LABEL[STARTS[name]], false);
      else if (ENDS.has(name)) close();
      else if (["comment", "c", "comment_italic", "ci", "comment_box", "cb", "highlight"].includes(name)) {
        if (value) current.lines.push({ kind: "comment", text: value });
      } else if (name === "chorus") current.lines.push({ kind: "comment", text: value ? `Chorus: ${value}` : "Chorus" });
      else if (name === "capo" && value) current.lines.push({ kind: "comment", text: `Capo ${value}` });
      // Other directives (tempo, columns, fonts...) change nothing a band reads here.
      continue;
    }
    const heading = SECTION_HEADING.exec(line);
    if (heading) {
      const label = `${titleCase(heading[1]!.toLowerCase())}${heading[2] ?? ""}`.trim();
      open(sectionKind(heading[1]!), label, true);
      continue;
    }
    if (hasInlineChord(raw)) {
      current.lines.push({ kind: "lyrics", pairs: inlinePairs(raw.trimEnd()) });
      continue;
    }
    if (isChordLine(raw)) {
      const next = lines[i + 1];
      const nextIsLyric = next !== undefined && next.trim() !== "" && !isChordLine(next) && !DIRECTIVE.test(next.trim()) && !SECTION_HEADING.test(next.trim()) && !hasInlineChord(next);
      if (nextIsLyric) {
        current.lines.push({ kind: "lyrics", pairs: overPairs(raw, next) });
        i++;
      } else current.lines.push({ kind: "lyrics", pairs: overPairs(raw, "") });
      continue;
    }
    current.lines.push({ kind: "lyrics", pairs: [{ chord: null, text: raw.trimEnd() }] });
  }
  chart.sections.push(current);
  chart.sections = chart.sections.filter((s) => s.lines.length > 0 || s.label);
  // Blank lines at a section's edges are spacing the section's own margin already gives.
  for (const s of chart.sections) {
    while (s.lines[0]?.kind === "blank") s.lines.shift();
    while (s.lines.at(-1)?.kind === "blank") s.lines.pop();
  }
  return chart;
}

/** Every chord of the chart moved by `semitones` (annotations untouched). */
export function transposeChart(chart: Chart, semitones: number, spelling: Spelling): Chart {
  if (semitones === 0) return chart;
  return {
    ...chart,
    sections: chart.sections.map((s) => ({
      ...s,
      lines: s.lines.map((l) =>
        l.kind === "lyrics" ? { kind: "lyrics", pairs: l.pairs.map((p) => (p.chord ? { ...p, chord: transposeChord(p.chord, semitones, spelling) } : p)) } : l,
      ),
    })),
  };
}

/** One word of a lyric line: its pieces, each under its chord (or none), kept together when the line wraps. */
export type ChartWord = ChordPair[];

/**
 * A line's pairs regrouped into words, so the view wraps between words only: a chord in
 * the middle of a word ("Ri[D]ding") keeps both halves on one row, and a pair holding
 * several words ("[E]dark water") gives its chord to the first word only.
 */
export function chartWords(pairs: ChordPair[]): ChartWord[] {
  const words: ChartWord[] = [];
  let word: ChartWord = [];
  const end = () => {
    if (word.length > 0) words.push(word);
    word = [];
  };
  for (const pair of pairs) {
    const pieces = pair.text.split(/(\s+)/);
    let chord = pair.chord;
    // A chord over spaces stands on its own, before the next word.
    if (chord !== null && /^\s/.test(pair.text)) {
      end();
      words.push([{ chord, text: "" }]);
      chord = null;
    }
    for (const piece of pieces) {
      if (piece === "") continue;
      if (/^\s+$/.test(piece)) {
        end();
        continue;
      }
      word.push({ chord, text: piece });
      chord = null;
    }
    if (chord !== null) {
      // A chord with no lyrics after it (chords only, or a line's last chord).
      word.push({ chord, text: "" });
      end();
    }
    if (/\s$/.test(pair.text)) end();
  }
  end();
  return words;
}
