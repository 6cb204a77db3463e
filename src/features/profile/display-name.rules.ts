/**
 * Display names within a band must tell people apart: nobody may appear with
 * a name another member of one of their bands already has, whatever the case,
 * spacing, Unicode form or invisible characters. Pure functions; the check
 * against the database is display-name-check.ts.
 */

/**
 * Characters that show nothing (zero-width spaces and joiners, soft hyphens,
 * direction overrides, variation selectors, tag characters, Hangul fillers):
 * a name never needs them, and they make two equal-looking names differ.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** Letters of other scripts drawn like Latin ones ("Аlex" with a Cyrillic А), folded for comparison only. */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ї: "i", ј: "j", ѕ: "s", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ɡ: "g",
  // Greek
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x",
  // Latin letters drawn like others
  ı: "i", ȷ: "j",
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "gu");

/** The name as stored and shown: invisible characters removed, runs of spaces made one, trimmed. */
export function cleanDisplayName(name: string): string {
  return name.replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
}

/**
 * What two names are compared by: NFKC (full-width and styled letters become
 * plain ones), invisible characters removed, lower case, lookalike letters
 * folded, spaces collapsed and trimmed. Equal keys mean "looks the same".
 */
export function displayNameKey(name: string): string {
  const folded = cleanDisplayName(name.normalize("NFKC")).toLowerCase().normalize("NFKC");
  return folded.replace(LOOKALIKE, (c) => LOOKALIKES[c] ?? c).replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
}

export function sameDisplayName(a: string, b: string): boolean {
  return displayNameKey(a) === displayNameKey(b);
}

/** The first of `others` whose name looks the same as `name`, if any. People without a name never clash. */
export function findNameClash<T extends { name: string | null }>(name: string, others: readonly T[]): T | null {
  const key = displayNameKey(name);
  if (!key) return null;
  return others.find((o) => o.name !== null && displayNameKey(o.name) === key) ?? null;
}
