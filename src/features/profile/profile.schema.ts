import { z } from "zod";
import { text } from "@/lib/text";
import { cleanDisplayName } from "./display-name.rules";

const REQUIRED = "Tell your band what to call you.";

/** A display name as stored: no invisible characters or repeated spaces (display-name.rules.ts). */
export const DISPLAY_NAME_MAX = 60;
export const displayNameSchema = text({ label: "Your name", max: DISPLAY_NAME_MAX, required: REQUIRED, tooLong: `Names can be at most ${DISPLAY_NAME_MAX} characters.` })
  .transform(cleanDisplayName)
  .refine((name) => name.length > 0, { error: REQUIRED });

export const updateProfileInput = z.object({ name: displayNameSchema });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
