import { z } from "zod";
import { bandIdSchema as bandId, idSchema, tokenSchema } from "@/lib/ids";
import { emailAddress } from "@/lib/text";
import { displayNameSchema } from "@/features/profile/profile.schema";
import { bandRoles, type BandRole } from "@/lib/roles";
import { DEFAULT_INVITE_EXPIRY_DAYS, inviteExpiryChoices } from "./invite.rules";

/** The same one-plain-address rule as sign-in: an invite goes to exactly one mailbox. */
export const inviteEmailSchema = emailAddress({ example: "bandmate@example.com", required: "Enter the email address to invite." });

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

export const inviteIdInput = z.object({ bandId, inviteId: idSchema("invite") });

export const resendInviteInput = inviteIdInput.extend({ expiresInDays: expiresInDaysSchema });

/** A token outside the token alphabet cannot be one we issued: 400 (the pages show it as an unknown link). */
export const tokenInput = z.object({ token: tokenSchema });

/**
 * Accepting an invite or joining by link: `name`, when given, becomes the
 * joiner's display name in the same step (asked for when their name is
 * already taken in that band).
 */
export const joinInput = tokenInput.extend({ name: displayNameSchema.optional() });

export const bandOnlyInput = z.object({ bandId });
