import { z } from "zod";
import { songIdSchema } from "@/features/songs/song.schema";

export const versionIdSchema = z.string().trim().min(1, "A take id is required").max(64);

export const VERSION_TITLE_MAX = 120;
export const VERSION_NOTES_MAX = 4000;

/** An empty title or notes field clears it (stored as null). */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((value) => (value === "" ? null : value));

export const versionTitleSchema = optionalText(VERSION_TITLE_MAX, `Take titles can be at most ${VERSION_TITLE_MAX} characters.`);
export const versionNotesSchema = optionalText(VERSION_NOTES_MAX, `Notes can be at most ${VERSION_NOTES_MAX} characters.`);

export const listVersionsInput = z.object({ songId: songIdSchema });
export const getVersionInput = z.object({ versionId: versionIdSchema });

export const updateVersionInput = z
  .object({
    versionId: versionIdSchema,
    title: versionTitleSchema.optional(),
    notes: versionNotesSchema.optional(),
    /** true makes this the song's best take (replacing any other); false clears it if it was. */
    isBest: z.boolean().optional(),
  })
  .refine((input) => input.title !== undefined || input.notes !== undefined || input.isBest !== undefined, {
    message: "Nothing to change.",
  });
export type UpdateVersionInput = z.input<typeof updateVersionInput>;

export const deleteVersionInput = z.object({ versionId: versionIdSchema });
