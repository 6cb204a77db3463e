import { z } from "zod";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((value) => value || null)
    .nullable()
    .default(null);

/** The text fields that may accompany an uploaded take (multipart fields `title`, `notes`). */
export const uploadFieldsSchema = z.object({
  title: optionalText(120, "A title"),
  notes: optionalText(2000, "Notes"),
});

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** A display-safe original file name: no path, no control characters, bounded length. */
export function cleanOriginalName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "recording";
}
