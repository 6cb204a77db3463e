import { z } from "zod";
import { text } from "@/lib/text";

export const displayNameSchema = text({ label: "Your name", max: 60, required: "Tell your band what to call you.", tooLong: "Names can be at most 60 characters." });

export const updateProfileInput = z.object({ name: displayNameSchema });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
