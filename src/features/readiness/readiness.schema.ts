import { z } from "zod";
import { songIdSchema } from "@/features/songs/song.schema";

export const setReadinessInput = z.object({ songId: songIdSchema, ready: z.boolean({ error: "Say whether you are ready: true or false." }) });
export type SetReadinessInput = z.infer<typeof setReadinessInput>;
