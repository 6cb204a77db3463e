import { z } from "zod";
import { versionIdSchema } from "@/features/takes/take.schema";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";

export const COMMENT_MAX = 2000;

export const commentBodySchema = text({
  label: "A comment",
  max: COMMENT_MAX,
  multiline: true,
  required: "Write something first.",
  tooLong: `Comments can be at most ${COMMENT_MAX} characters.`,
});

export const atSecondsSchema = z
  .number({ error: "The timestamp must be a number of seconds." })
  .finite("The timestamp must be a number of seconds.")
  .min(0, "The timestamp cannot be before the start of the take.")
  .max(60 * 60 * 24, "That timestamp is beyond any take.");

export const listCommentsInput = z.object({ versionId: versionIdSchema });

export const commentIdSchema = idSchema("comment");

export const createCommentInput = z
  .object({
    versionId: versionIdSchema,
    body: commentBodySchema,
    atSeconds: atSecondsSchema.nullish(),
    endSeconds: atSecondsSchema.nullish(),
    parentId: commentIdSchema.nullish(),
  })
  .refine((i) => i.endSeconds == null || i.atSeconds != null, { message: "A passage needs a start.", path: ["endSeconds"] })
  .refine((i) => i.endSeconds == null || i.atSeconds == null || i.endSeconds > i.atSeconds, {
    message: "A passage must end after it starts.",
    path: ["endSeconds"],
  })
  .refine((i) => i.parentId == null || (i.atSeconds == null && i.endSeconds == null), {
    message: "A reply carries no time of its own.",
    path: ["atSeconds"],
  });
export type CreateCommentInput = z.input<typeof createCommentInput>;

export const deleteCommentInput = z.object({ commentId: commentIdSchema });
export const updateCommentInput = z.object({ commentId: commentIdSchema, body: commentBodySchema });
export const resolveCommentInput = z.object({ commentId: commentIdSchema, resolved: z.boolean({ error: "Say whether the comment is resolved." }) });
