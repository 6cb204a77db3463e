/**
 * Transposing chord names and the song's key by semitones. Pure: the chart and the key
 * label use the same rules, so a chord and the key never disagree on a spelling.
 */

export type Spelling = "sharps" | "flats";

const SHARPS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"] as const;
const FLATS = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"] as const;
const NATURAL: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** The usual name of each major and minor key, by pitch class (the spelling a band reads). */
const MAJOR_KEYS = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;
const MINOR_KEYS = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"] as const;
/** Keys written with flats (those whose name has no "b" included: F major, D, G, C and F minor). */
const FLAT_MAJOR = new Set([5, 10, 3, 8, 1]);
const FLAT_MINOR = new Set([2, 7, 0, 5, 10, 3]);

/** The furthest a sheet is transposed either way; past an octave it would repeat itself. */
export const TRANSPOSE_LIMIT = 11;

/** Pitch class (0-11) of a note name such as "C#", "Bb" or "E"; null when it is not one. */
export function pitchClass(note: string): number | null {
  const m = /^([A-G])(#|b)?$/.exec(note);
  if (!m) return null;
  const base = NATURAL[m[1]!]!;
  return (base + (m[2] === "#" ? 1 : m[2] === "b" ? 11 : 0)) % 12;
}

function noteName(pc: number, spelling: Spelling): string {
  return (spelling === "flats" ? FLATS : SHARPS)[((pc % 12) + 12) % 12]!;
}

/** `n` kept within what the transpose buttons allow (a whole number from -11 to +11). */
export function clampTranspose(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.max(-TRANSPOSE_LIMIT, Math.min(TRANSPOSE_LIMIT, Math.trunc(n)));
}

export type SongKey = { root: number; minor: boolean };

/** Reads a key as bands write it: "Bm", "F#m", "Bb", "Eb major", "C# minor", "Am". Null when it is something else. */
export function parseKey(key: string | null | undefined): SongKey | null {
  const m = /^\s*([A-G])\s*(#|b|♯|♭)?\s*(m|min|minor|-|maj|major|M)?\s*$/.exec(key ?? "");
  if (!m) return null;
  const accidental = m[2] === "♯" ? "#" : m[2] === "♭" ? "b" : (m[2] ?? "");
  const root = pitchClass(m[1]! + accidental);
  if (root === null) return null;
  return { root, minor: m[3] === "m" || m[3] === "min" || m[3] === "minor" || m[3] === "-" };
}

function keyName(key: SongKey): string {
  return key.minor ? `${MINOR_KEYS[key.root]}m` : MAJOR_KEYS[key.root]!;
}

/** The spelling chords take in a key: flats in flat keys, sharps otherwise. */
export function spellingOfKey(key: SongKey): Spelling {
  return (key.minor ? FLAT_MINOR : FLAT_MAJOR).has(key.root) ? "flats" : "sharps";
}

/**
 * The key `semitones` away, named as the key usually is ("Bm" +2 = "C#m", "G" +1 = "Ab").
 * A key the rules cannot read is returned unchanged; so is any key at 0.
 */
export function transposeKey(key: string, semitones: number): string {
  if (semitones === 0) return key.trim();
  const parsed = parseKey(key);
  if (!parsed) return key.trim();
  return keyName({ root: (parsed.root + semitones + 120) % 12, minor: parsed.minor });
}

/**
 * How chords are spelled after transposing: in the target key's spelling when the key is
 * known, else sharps going up and flats going down.
 */
export function spellingFor(key: string | null | undefined, semitones: number): Spelling {
  const parsed = parseKey(key);
  if (parsed) return spellingOfKey({ root: (parsed.root + semitones + 120) % 12, minor: parsed.minor });
  return semitones < 0 ? "flats" : "sharps";
}

/** A chord name: root, what follows it (quality, extensions), and an optional bass note. */
const CHORD = /^([A-G](?:#|b)?)((?:maj|min|mi|m|M|dim|aug|sus|add|alt|no|omit|[0-9]|[#b+°øΔ^\-]|\((?:[0-9#b,]|add|sus|maj|no|omit)+\))*)(?:\/([A-G](?:#|b)?))?$/;

/** True when `token` reads as a chord name ("Bm", "F#m7b5", "D/F#", "Cadd9", "E7(#9)"). */
export function isChord(token: string): boolean {
  return CHORD.test(token);
}

/**
 * `chord` moved by `semitones`, root and bass, the rest kept: "Bm" +2 = "C#m", "D/F#" -2 = "C/E".
 * Anything that is not a chord name (an annotation such as "N.C." or "riff") stays as it is.
 */
export function transposeChord(chord: string, semitones: number, spelling: Spelling): string {
  if (semitones === 0) return chord;
  const m = CHORD.exec(chord);
  if (!m) return chord;
  const move = (note: string) => noteName(pitchClass(note)! + semitones, spelling);
  return `${move(m[1]!)}${m[2] ?? ""}${m[3] ? `/${move(m[3])}` : ""}`;
}

/** "+2", "-3", or "" at 0: how far from the written key. */
export function transposeOffsetLabel(semitones: number): string {
  return semitones === 0 ? "" : semitones > 0 ? `+${semitones}` : `\u2212${-semitones}`;
}

/**
 * What the transpose bar says: "Key: A (+2)" from a written "G"; "Key: G" untransposed;
 * "Transposed +2" when the song has no key; the written text when it is not a key the rules read.
 */
export function keyLabel(key: string | null | undefined, semitones: number): string {
  const offset = transposeOffsetLabel(semitones);
  const written = key?.trim() ?? "";
  if (!written) return offset ? `Transposed ${offset}` : "Key not set";
  if (!offset) return `Key: ${written}`;
  if (!parseKey(written)) return `Transposed ${offset} from ${written}`;
  return `Key: ${transposeKey(written, semitones)} (${offset})`;
}
