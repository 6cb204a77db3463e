import { z } from "zod";
import { songIdSchema } from "@/features/songs/song.schema";
import { idSchema } from "@/lib/ids";
import { optionalText } from "@/lib/text";
import { OFFSET_SECONDS_MAX } from "./take.limits";

export const versionIdSchema = idSchema("take");

export const VERSION_TITLE_MAX = 120;
export const VERSION_NOTES_MAX = 4000;

export const VERSION_TITLE_TOO_LONG = `Take titles can be at most ${VERSION_TITLE_MAX} characters.`;
export const VERSION_NOTES_TOO_LONG = `Notes can be at most ${VERSION_NOTES_MAX} characters.`;

/** An empty title or notes field clears it (stored as null). The upload route uses these too. */
export const versionTitleSchema = optionalText({ label: "A take title", max: VERSION_TITLE_MAX, tooLong: VERSION_TITLE_TOO_LONG });
export const versionNotesSchema = optionalText({ label: "Notes", max: VERSION_NOTES_MAX, multiline: true, tooLong: VERSION_NOTES_TOO_LONG });

export { OFFSET_SECONDS_MAX };
export const offsetSecondsSchema = z
  .number({ error: "The offset must be a number of seconds." })
  .finite("The offset must be a number of seconds.")
  .min(-OFFSET_SECONDS_MAX, `The offset can be at most ${OFFSET_SECONDS_MAX} seconds either way.`)
  .max(OFFSET_SECONDS_MAX, `The offset can be at most ${OFFSET_SECONDS_MAX} seconds either way.`);

export const listVersionsInput = z.object({ songId: songIdSchema });
export const getVersionInput = z.object({ versionId: versionIdSchema });

const versionChanges = z.object({
  versionId: versionIdSchema,
  title: versionTitleSchema.optional(),
  notes: versionNotesSchema.optional(),
  /** true makes this the song's best take (replacing any other); false clears it if it was. */
  isBest: z.boolean().optional(),
  offsetSeconds: offsetSecondsSchema.optional(),
});

export const updateVersionInput = versionChanges.refine(
  (input) => input.title !== undefined || input.notes !== undefined || input.isBest !== undefined || input.offsetSeconds !== undefined,
  { message: "Nothing to change." },
);
export type UpdateVersionInput = z.input<typeof updateVersionInput>;

/** The take's edit form: title and notes (best take has its own button). */
export const editVersionFields = versionChanges.pick({ title: true, notes: true });

export const deleteVersionInput = z.object({ versionId: versionIdSchema });
export const retryProcessingInput = z.object({ versionId: versionIdSchema });
