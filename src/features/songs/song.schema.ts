import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";

export const songTitleSchema = text({ label: "A song title", max: 120, required: "Give the song a title.", tooLong: "Song titles can be at most 120 characters." });

export const songIdSchema = idSchema("song");

export const createSongInput = z.object({ title: songTitleSchema });
export type CreateSongInput = z.infer<typeof createSongInput>;

export const listSongsInput = z.object({
  /** Archived songs are left out unless asked for. */
  includeArchived: z.boolean().optional(),
});

export const getSongInput = z.object({ songId: songIdSchema });

const songChanges = z.object({
  songId: songIdSchema,
  title: songTitleSchema.optional(),
  archived: z.boolean().optional(),
});

export const updateSongInput = songChanges.refine((input) => input.title !== undefined || input.archived !== undefined, {
    message: "Nothing to change: give a new title or an archived flag.",
  });
export type UpdateSongInput = z.infer<typeof updateSongInput>;

/** The rename form: the update's title, required there. */
export const renameSongFields = songChanges.pick({ title: true }).required();
