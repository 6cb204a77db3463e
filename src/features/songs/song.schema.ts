import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { optionalText, text } from "@/lib/text";

export const SONG_TITLE_MAX = 120;
export const songTitleSchema = text({ label: "A song title", max: SONG_TITLE_MAX, required: "Give the song a title.", tooLong: `Song titles can be at most ${SONG_TITLE_MAX} characters.` });

export const songIdSchema = idSchema("song");

export const createSongInput = z.object({ title: songTitleSchema });
export type CreateSongInput = z.infer<typeof createSongInput>;

export const listSongsInput = z.object({
  /** Archived songs are left out unless asked for. */
  includeArchived: z.boolean().optional(),
});

export const getSongInput = z.object({ songId: songIdSchema });

export const songStatuses = ["IDEA", "LEARNING", "READY", "RETIRED"] as const;
export const songStatusSchema = z.enum(songStatuses, { error: "Pick a status: idea, learning, ready or retired." });
export type SongStatus = z.infer<typeof songStatusSchema>;
export const songStatusLabel: Record<SongStatus, string> = { IDEA: "Idea", LEARNING: "Learning", READY: "Ready", RETIRED: "Retired" };

/** The song sheet's fields; an empty text clears it (null), a null tempo too. */
export const SONG_KEY_MAX = 20;
export const songKeySchema = optionalText({ label: "The key", max: SONG_KEY_MAX, tooLong: `Keys can be at most ${SONG_KEY_MAX} characters (like F#m or Bb).` });
export const songTempoSchema = z
  .number({ error: "The tempo must be a number of beats per minute." })
  .int("The tempo must be a whole number of beats per minute.")
  .min(20, "Tempos start at 20 BPM.")
  .max(400, "Tempos go up to 400 BPM.")
  .nullable();
export const songLyricsSchema = optionalText({ label: "Lyrics", max: 20000, multiline: true, tooLong: "Lyrics can be at most 20000 characters." });
export const songNotesSchema = optionalText({ label: "Notes", max: 4000, multiline: true, tooLong: "Notes can be at most 4000 characters." });

const songChanges = z.object({
  songId: songIdSchema,
  title: songTitleSchema.optional(),
  archived: z.boolean().optional(),
  key: songKeySchema.optional(),
  tempoBpm: songTempoSchema.optional(),
  status: songStatusSchema.optional(),
  lyrics: songLyricsSchema.optional(),
  notes: songNotesSchema.optional(),
});

const changeable = ["title", "archived", "key", "tempoBpm", "status", "lyrics", "notes"] as const;

export const updateSongInput = songChanges.refine((input) => changeable.some((field) => input[field] !== undefined), {
    message: "Nothing to change: give at least one field of the song.",
  });
export type UpdateSongInput = z.infer<typeof updateSongInput>;

/** The rename form: the update's title, required there. */
export const renameSongFields = songChanges.pick({ title: true }).required();

/** The song sheet form: every sheet field at once. */
export const songSheetFields = songChanges.pick({ key: true, tempoBpm: true, status: true, lyrics: true, notes: true }).required();
