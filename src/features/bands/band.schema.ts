import { z } from "zod";
import { text } from "@/lib/text";

export const bandNameSchema = text({ label: "A band name", max: 80, required: "Give your band a name.", tooLong: "Band names can be at most 80 characters." });

export const createBandInput = z.object({ name: bandNameSchema });
export type CreateBandInput = z.infer<typeof createBandInput>;

export const updateBandInput = z.object({ name: bandNameSchema });
export type UpdateBandInput = z.infer<typeof updateBandInput>;

/** The delete dialog's check: the band's name, typed exactly (surrounding spaces aside). */
export function deleteConfirmationMatches(bandName: string, typed: string): boolean {
  return typed.trim() === bandName.trim() && typed.trim().length > 0;
}
