import { z } from "zod";

export const bandNameSchema = z
  .string()
  .trim()
  .min(1, "Give your band a name.")
  .max(80, "Band names can be at most 80 characters.");

export const createBandInput = z.object({ name: bandNameSchema });
export type CreateBandInput = z.infer<typeof createBandInput>;
