import "server-only";

import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { DEFAULT_PREFERENCES, readPreferences } from "./notification-settings";
import { updateNotificationsInput } from "./notification.schema";

export const notificationRouter = createTRPCRouter({
  /** The caller's own mail choices: takes, replies, mentions, each INSTANT, DAILY or OFF. */
  get: protectedProcedure.query(({ ctx }) => readPreferences(ctx.db, ctx.user.id)),

  /** Changes the caller's own choices; categories left out keep theirs. */
  update: protectedProcedure.input(updateNotificationsInput).mutation(({ ctx, input }) =>
    ctx.db.notificationSettings.upsert({
      where: { userId: ctx.user.id },
      create: { userId: ctx.user.id, ...DEFAULT_PREFERENCES, ...input },
      update: input,
      select: { takes: true, replies: true, mentions: true },
    }),
  ),
});
