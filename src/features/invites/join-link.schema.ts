import { z } from "zod";
import { bandIdSchema as bandId } from "@/lib/ids";
import { expiresInDaysSchema } from "./invite.schema";
import { DEFAULT_JOIN_LINK_MAX_USES, joinLinkMaxUsesLimit } from "./join-link.rules";

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
