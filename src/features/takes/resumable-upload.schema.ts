import { z } from "zod";
import { songIdSchema, songTitleSchema } from "@/features/songs/song.schema";
import { idSchema } from "@/lib/ids";
import { cleanOriginalName, uploadFieldsSchema } from "@/features/takes/upload.schema";

/** Where the tus endpoint lives; an upload's own URL is this plus its id. */
export const RESUMABLE_UPLOADS_PATH = "/api/uploads";

/** Ids the server generates (@tus/utils Uid.rand: 16 random bytes in hex); anything else names no upload. */
export const uploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * What a client names when it creates an upload (tus Upload-Metadata): the
 * song it is for, either one the band has (`songId`) or a new one
 * (`newSongTitle`, created together with the take once its bytes are
 * accepted, so a refused file never leaves an empty song), and, optionally,
 * the file's name and the take's title and notes, checked by the very schemas
 * of the multipart route and song.create.
 */
const metadataFields = z.object({
  bandId: idSchema("band"),
  songId: songIdSchema.nullish(),
  newSongTitle: songTitleSchema.nullish(),
  ...uploadFieldsSchema.shape,
  filename: z
    .string()
    .nullish()
    .transform((name) => cleanOriginalName(name ?? undefined)),
});

const oneSong = (value: { songId?: string | null; newSongTitle?: string | null }) => (value.songId ? 1 : 0) + (value.newSongTitle ? 1 : 0) === 1;
const ONE_SONG = "Name the song the take is for: an existing song (songId) or a new one (newSongTitle), not both.";

export const resumableUploadMetadataSchema = metadataFields.refine(oneSong, { message: ONE_SONG });

export type ResumableUploadMetadata = z.infer<typeof resumableUploadMetadataSchema>;

/** What the server keeps with an upload: the checked metadata and who started it. */
export const storedUploadMetadataSchema = metadataFields.extend({ userId: z.string().min(1) }).refine(oneSong, { message: ONE_SONG });
export type StoredUploadMetadata = z.infer<typeof storedUploadMetadataSchema>;
