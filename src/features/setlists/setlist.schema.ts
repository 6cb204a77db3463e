import { z } from "zod";
import { songIdSchema } from "@/features/songs/song.schema";
import { dateSchema } from "@/lib/dates";
import { idSchema } from "@/lib/ids";
import { optionalText, text } from "@/lib/text";

export const setlistIdSchema = idSchema("setlist");
export const SETLIST_NAME_MAX = 80;
export const SETLIST_NOTES_MAX = 4000;
export const GIG_NOTES_MAX = 300;
export const setlistNameSchema = text({ label: "A setlist name", max: SETLIST_NAME_MAX, required: "Give the setlist a name, like “Friday at the Crown”.", tooLong: `Setlist names can be at most ${SETLIST_NAME_MAX} characters.` });
/** When the set is played; null clears the date. */
export const performAtSchema = dateSchema("The gig's date", "Give a date and time for the gig.").nullable();
export const setlistNotesSchema = optionalText({ label: "Notes", max: SETLIST_NOTES_MAX, multiline: true, tooLong: `Notes can be at most ${SETLIST_NOTES_MAX} characters.` });
export const gigNotesSchema = optionalText({ label: "Gig notes", max: GIG_NOTES_MAX, tooLong: `Gig notes can be at most ${GIG_NOTES_MAX} characters.` });

export const MAX_SET_SONGS = 100;

export const createSetlistInput = z.object({ name: setlistNameSchema, performAt: performAtSchema.optional() });
export type CreateSetlistInput = z.input<typeof createSetlistInput>;

export const getSetlistInput = z.object({ setlistId: setlistIdSchema });
export const deleteSetlistInput = getSetlistInput;

export const updateSetlistInput = z
  .object({ setlistId: setlistIdSchema, name: setlistNameSchema.optional(), performAt: performAtSchema.optional(), notes: setlistNotesSchema.optional() })
  .refine((i) => i.name !== undefined || i.performAt !== undefined || i.notes !== undefined, { message: "Nothing to change: give a name, a date or notes." });

export const setSetlistSongsInput = z.object({
  setlistId: setlistIdSchema,
  songIds: z
    .array(songIdSchema)
    .max(MAX_SET_SONGS, `A setlist can hold at most ${MAX_SET_SONGS} songs.`)
    .refine((ids) => new Set(ids).size === ids.length, { message: "A song can be in a setlist only once." }),
});

export const setGigNotesInput = z.object({ setlistId: setlistIdSchema, songId: songIdSchema, notes: gigNotesSchema });
