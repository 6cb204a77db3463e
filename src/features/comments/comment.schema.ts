import { z } from "zod";
import { versionIdSchema } from "@/features/versions/version.schema";
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

export const createCommentInput = z.object({
  versionId: versionIdSchema,
  body: commentBodySchema,
  atSeconds: atSecondsSchema.nullish(),
});
export type CreateCommentInput = z.input<typeof createCommentInput>;

export const deleteCommentInput = z.object({ commentId: idSchema("comment") });
