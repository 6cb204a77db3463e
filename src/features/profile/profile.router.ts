import "server-only";

import type { Prisma } from "@/generated/prisma/client";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { renameUser } from "./display-name-check";
import { updateProfileInput } from "./profile.schema";

// A rename waits for its bands' locks behind other member changes.
const NAME_TX = { maxWait: 20_000, timeout: 20_000 } as const;

const profileSelect = { id: true, name: true, email: true } satisfies Prisma.UserSelect;

export const profileRouter = createTRPCRouter({
  /** The caller's own profile: the name their bands see, and the address they sign in with. */
  get: protectedProcedure.query(({ ctx }) => ctx.db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: profileSelect })),

  /**
   * Sets the caller's display name, shown instead of their email everywhere.
   * A name that looks like another member's in any of their bands is refused
   * (CONFLICT, NAME_TAKEN): nobody can pass for someone else.
   */
  update: protectedProcedure.input(updateProfileInput).mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      await renameUser(tx, ctx.user.id, input.name);
      return tx.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: profileSelect });
    }, NAME_TX),
  ),
});
