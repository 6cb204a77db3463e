import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { optionalText } from "@/lib/text";

/** Inputs per operation; bandMemberProcedure adds (and checks) `bandId`. */

export const bandRoleSchema = z.enum(["OWNER", "ADMIN", "MEMBER"], { error: "Pick a role: owner, admin or member." });

const userIdSchema = idSchema("member", "Pick a member.");

export const updateMemberRoleInput = z.object({ userId: userIdSchema, role: bandRoleSchema });
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;

export const removeMemberInput = z.object({ userId: userIdSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;

/** What you play in this band ("Bass", "Keys & backing vocals"); empty clears it. */
export const MEMBER_PART_MAX = 40;
export const memberPartSchema = optionalText({ label: "Your part", max: MEMBER_PART_MAX, tooLong: `Parts can be at most ${MEMBER_PART_MAX} characters.` });
export const setPartInput = z.object({ part: memberPartSchema });
export type SetPartInput = z.input<typeof setPartInput>;
