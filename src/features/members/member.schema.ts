import { z } from "zod";

/** Inputs per operation; bandMemberProcedure adds (and checks) `bandId`. */

export const bandRoleSchema = z.enum(["OWNER", "ADMIN", "MEMBER"], { error: "Pick a role: owner, admin or member." });

const userIdSchema = z.string().trim().min(1, "Pick a member.").max(64);

export const updateMemberRoleInput = z.object({ userId: userIdSchema, role: bandRoleSchema });
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;

export const removeMemberInput = z.object({ userId: userIdSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
