import { z } from "zod";
import { text } from "@/lib/text";

export const BAND_NAME_MAX = 80;
export const bandNameSchema = text({ label: "A band name", max: BAND_NAME_MAX, required: "Give your band a name.", tooLong: `Band names can be at most ${BAND_NAME_MAX} characters.` });

export const createBandInput = z.object({ name: bandNameSchema });
export type CreateBandInput = z.infer<typeof createBandInput>;

export const updateBandInput = z.object({ name: bandNameSchema });
export type UpdateBandInput = z.infer<typeof updateBandInput>;

/** The delete dialog's check: the band's name, typed exactly (surrounding spaces aside). */
export function deleteConfirmationMatches(bandName: string, typed: string): boolean {
  return typed.trim() === bandName.trim() && typed.trim().length > 0;
}
