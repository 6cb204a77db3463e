import { z } from "zod";
import { idSchema } from "@/lib/ids";

export const listActivityInput = z.object({
  /** The id of the last event of the previous page. */
  cursor: idSchema("event").optional(),
  limit: z.number().int().min(1, "Ask for at least one event.").max(100, "At most 100 events per page.").default(30),
});
export type ListActivityInput = z.input<typeof listActivityInput>;
