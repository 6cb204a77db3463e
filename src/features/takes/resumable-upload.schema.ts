import { z } from "zod";
import { cleanOriginalName, uploadFieldsSchema, uploadParamsSchema } from "@/features/takes/upload.schema";

/** Where the tus endpoint lives; an upload's own URL is this plus its id. */
export const RESUMABLE_UPLOADS_PATH = "/api/uploads";

/** Ids the server generates (@tus/utils Uid.rand: 16 random bytes in hex); anything else names no upload. */
export const uploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * What a client names when it creates an upload (tus Upload-Metadata): the
 * song it is for and, optionally, the file's name and the take's title and
 * notes, checked by the very schemas of the multipart route.
 */
export const resumableUploadMetadataSchema = z.object({
  ...uploadParamsSchema.shape,
  ...uploadFieldsSchema.shape,
  filename: z
    .string()
    .nullish()
    .transform((name) => cleanOriginalName(name ?? undefined)),
});

export type ResumableUploadMetadata = z.infer<typeof resumableUploadMetadataSchema>;

/** What the server keeps with an upload: the checked metadata and who started it. */
export const storedUploadMetadataSchema = resumableUploadMetadataSchema.extend({ userId: z.string().min(1) });
export type StoredUploadMetadata = z.infer<typeof storedUploadMetadataSchema>;
