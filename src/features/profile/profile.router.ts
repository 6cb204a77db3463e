import type { Prisma } from "@/generated/prisma/client";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { updateProfileInput } from "./profile.schema";

const profileSelect = { id: true, name: true, email: true } satisfies Prisma.UserSelect;

export const profileRouter = createTRPCRouter({
  /** The caller's own profile: the name their bands see, and the address they sign in with. */
  get: protectedProcedure.query(({ ctx }) => ctx.db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: profileSelect })),

  /** Sets the caller's display name, shown instead of their email everywhere. */
  update: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => ctx.db.user.update({ where: { id: ctx.user.id }, data: { name: input.name }, select: profileSelect })),
});
