import { z } from "zod";
import { idSchema } from "@/lib/ids";

/** Inputs per operation; bandMemberProcedure adds (and checks) `bandId`. */

export const bandRoleSchema = z.enum(["OWNER", "ADMIN", "MEMBER"], { error: "Pick a role: owner, admin or member." });

const userIdSchema = idSchema("member", "Pick a member.");

export const updateMemberRoleInput = z.object({ userId: userIdSchema, role: bandRoleSchema });
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;

export const removeMemberInput = z.object({ userId: userIdSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
