import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { optionalText } from "@/lib/text";

/** The text fields that may accompany an uploaded take (multipart fields `title`, `notes`). */
export const uploadFieldsSchema = z.object({
  title: optionalText({ label: "A title", max: 120 }).nullable().default(null),
  notes: optionalText({ label: "Notes", max: 2000, multiline: true }).nullable().default(null),
});

/** The upload route's URL segments. */
export const uploadParamsSchema = z.object({ bandId: idSchema("band"), songId: idSchema("song") });

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** A display-safe original file name: no path, no control characters, bounded length. */
export function cleanOriginalName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "recording";
}
