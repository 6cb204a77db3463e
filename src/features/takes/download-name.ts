import { create as contentDisposition } from "content-disposition";

const MAX_NAME = 120;

/**
 * Makes text safe as (part of) a file name on every common system: no control
 * or format characters, none of \ / : * ? " < > |, no leading dots (hidden
 * files), runs of spaces collapsed, and a bounded length.
 */
function clean(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[\\/:*?"<>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
}

function extensionOf(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * The name a downloaded original is saved under: "<song> - <take title>.<ext>",
 * the take's title falling back to the uploaded file's own name, and the
 * extension taken from the uploaded file's name (else from the stored file,
 * whose extension comes from the sniffed format).
 */
export function downloadFileName(take: { songTitle: string; title: string | null; originalName: string; storageKey: string }): string {
  const ext = extensionOf(take.originalName) ?? extensionOf(take.storageKey) ?? "audio";
  const originalBase = take.originalName.replace(/\.[A-Za-z0-9]{1,8}$/, "");
  const parts = [clean(take.songTitle), clean(take.title ?? "") || clean(originalBase)].filter(Boolean);
  const base = Array.from(parts.join(" - ") || "take").slice(0, MAX_NAME).join("").trim();
  return `${base}.${ext}`;
}

/** ASCII stand-in for old clients: accents dropped (é -> e), anything else non-ASCII -> "_". */
function asciiFallback(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_");
}

/** RFC 6266 attachment header: an ASCII `filename` and, when it differs, the exact name as `filename*` (UTF-8). */
export function attachmentHeader(fileName: string): string {
  return contentDisposition(fileName, { type: "attachment", fallback: asciiFallback(fileName) });
}
