import { z } from "zod";
import { bandRoles, type BandRole } from "@/server/access/roles";
import {
  DEFAULT_INVITE_EXPIRY_DAYS,
  DEFAULT_JOIN_LINK_MAX_USES,
  inviteExpiryChoices,
  joinLinkMaxUsesLimit,
} from "./invite-rules";

const bandId = z.string().trim().min(1, "A band id is required").max(64);

export const inviteEmailSchema = z
  .string()
  .trim()
  .min(1, "Enter the email address to invite.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like bandmate@example.com."))
  .transform((email) => email.toLowerCase());

export const expiresInDaysSchema = z
  .union([z.literal(inviteExpiryChoices[0]), z.literal(inviteExpiryChoices[1]), z.literal(inviteExpiryChoices[2])], {
    error: "Choose an expiry of 1, 7 or 30 days.",
  })
  .default(DEFAULT_INVITE_EXPIRY_DAYS);

export const roleSchema = z.enum(bandRoles as [BandRole, ...BandRole[]], { error: "Choose a role." });

export const createInviteInput = z.object({
  bandId,
  email: inviteEmailSchema,
  role: roleSchema.default("MEMBER"),
  expiresInDays: expiresInDaysSchema,
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export const inviteIdInput = z.object({ bandId, inviteId: z.string().trim().min(1).max(64) });

export const resendInviteInput = inviteIdInput.extend({ expiresInDays: expiresInDaysSchema });

/** Tokens are opaque: anything malformed is simply an unknown invite, not a 400. */
export const tokenInput = z.object({ token: z.string().trim().min(1, "The link is incomplete.").max(200) });

export const createJoinLinkInput = z.object({
  bandId,
  expiresInDays: expiresInDaysSchema,
  maxUses: z.coerce
    .number({ error: "Enter how many people may use the link." })
    .int("Use a whole number.")
    .min(1, "Allow at least one use.")
    .max(joinLinkMaxUsesLimit, `At most ${joinLinkMaxUsesLimit} uses per link.`)
    .default(DEFAULT_JOIN_LINK_MAX_USES),
});
export type CreateJoinLinkInput = z.input<typeof createJoinLinkInput>;

export const bandOnlyInput = z.object({ bandId });
