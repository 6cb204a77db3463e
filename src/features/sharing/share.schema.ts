import { z } from "zod";
import { atSecondsSchema, commentBodySchema } from "@/features/comments/comment.schema";
import { versionIdSchema } from "@/features/takes/take.schema";
import { dateSchema } from "@/lib/dates";
import { idSchema, tokenSchema } from "@/lib/ids";
import { hasForbiddenControl, hasLoneSurrogate, text } from "@/lib/text";

export const shareIdSchema = idSchema("link");
export const SHARE_PASSWORD_MAX = 200;
export const GUEST_NAME_MAX = 60;

/** Kept exactly as typed (never trimmed): only control characters and broken text are refused. */
const passwordSchema = z
  .string({ error: "The password must be text." })
  .refine((v) => !hasForbiddenControl(v) && !hasLoneSurrogate(v), { error: "A password cannot hold control characters.", abort: true })
  .min(1, "Type the password.")
  .max(SHARE_PASSWORD_MAX, `Passwords can be at most ${SHARE_PASSWORD_MAX} characters.`);

const expiresAtSchema = dateSchema("The expiry", "Give a date and time for the link to expire.");

/** What to share: exactly one of a take, a song (its takes) or a setlist (its songs' takes). */
export const createShareInput = z
  .object({
    versionId: versionIdSchema.optional(),
    songId: idSchema("song").optional(),
    setlistId: idSchema("setlist").optional(),
    /** Any future moment; omitted: 30 days; null: never (admins only). */
    expiresAt: expiresAtSchema.nullable().optional(),
    password: passwordSchema.optional(),
    allowDownload: z.boolean({ error: "Say whether downloads are allowed." }).optional(),
    allowComments: z.boolean({ error: "Say whether guests may comment." }).optional(),
  })
  .refine((i) => [i.versionId, i.songId, i.setlistId].filter((v) => v !== undefined).length === 1, {
    message: "Share exactly one take, song or setlist.",
    path: ["versionId"],
  });
export type CreateShareInput = z.input<typeof createShareInput>;

export const revokeShareInput = z.object({ shareId: shareIdSchema });

export const openShareInput = z.object({ token: tokenSchema, password: passwordSchema.optional() });

export const guestNameSchema = text({ label: "Your name", max: GUEST_NAME_MAX, required: "Tell the band your name.", tooLong: `Names can be at most ${GUEST_NAME_MAX} characters.` });

export const guestCommentInput = z
  .object({
    token: tokenSchema,
    versionId: versionIdSchema,
    name: guestNameSchema,
    body: commentBodySchema,
    atSeconds: atSecondsSchema.nullish(),
    endSeconds: atSecondsSchema.nullish(),
  })
  .refine((i) => i.endSeconds == null || i.atSeconds != null, { message: "A passage needs a start.", path: ["endSeconds"] })
  .refine((i) => i.endSeconds == null || i.atSeconds == null || i.endSeconds > i.atSeconds, { message: "A passage must end after it starts.", path: ["endSeconds"] });
export type GuestCommentInput = z.input<typeof guestCommentInput>;
