import { z } from "zod";

export const notificationMode = z.enum(["INSTANT", "DAILY", "OFF"], { error: "Choose instant, daily or off." });
export type NotificationModeValue = z.infer<typeof notificationMode>;

/** Any of the three may be given; what is left out stays as it was. */
export const updateNotificationsInput = z
  .object({
    takes: notificationMode.optional(),
    replies: notificationMode.optional(),
    mentions: notificationMode.optional(),
  })
  .strict();
export type UpdateNotificationsInput = z.input<typeof updateNotificationsInput>;
