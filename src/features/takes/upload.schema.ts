import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { VERSION_NOTES_MAX, VERSION_NOTES_TOO_LONG, VERSION_TITLE_MAX, VERSION_TITLE_TOO_LONG, versionNotesSchema, versionTitleSchema } from "@/features/takes/take.schema";

/**
 * The text fields that may accompany an uploaded take (multipart fields `title`,
 * `notes`): the very rules of version.update, so a take can be uploaded with
 * anything it could later be edited to.
 */
export const uploadFieldsSchema = z.object({
  title: versionTitleSchema.nullable().default(null),
  notes: versionNotesSchema.nullable().default(null),
});

export type UploadFieldName = keyof typeof uploadFieldsSchema.shape;
export const isUploadFieldName = (name: string): name is UploadFieldName => Object.hasOwn(uploadFieldsSchema.shape, name);

/** Largest character count per field; busboy's byte cap must leave room for it. */
export const UPLOAD_FIELD_MAX: Record<UploadFieldName, number> = { title: VERSION_TITLE_MAX, notes: VERSION_NOTES_MAX };
/** What a field cut short by the byte cap is refused with (it was certainly over its limit). */
export const uploadFieldTooLong: Record<UploadFieldName, string> = {
  title: VERSION_TITLE_TOO_LONG,
  notes: VERSION_NOTES_TOO_LONG,
};

/** The upload route's URL segments. */
export const uploadParamsSchema = z.object({ bandId: idSchema("band"), songId: idSchema("song") });

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** A display-safe original file name: no path, no control characters, bounded length. */
export function cleanOriginalName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "recording";
}
