import { z } from "zod";
import { atSecondsSchema } from "@/features/comments/comment.schema";
import { songIdSchema } from "@/features/songs/song.schema";
import { versionIdSchema } from "@/features/takes/take.schema";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";

export const MARKER_LABEL_MAX = 80;

export const listMarkersInput = z.object({ songId: songIdSchema });

export const createMarkerInput = z
  .object({
    songId: songIdSchema,
    versionId: versionIdSchema,
    atSeconds: atSecondsSchema,
    endSeconds: atSecondsSchema.nullish(),
    label: text({ label: "A marker's label", max: MARKER_LABEL_MAX, required: "Name the marker.", tooLong: `Marker labels can be at most ${MARKER_LABEL_MAX} characters.` }),
  })
  .refine((i) => i.endSeconds == null || i.endSeconds > i.atSeconds, { message: "A marked span must end after it starts.", path: ["endSeconds"] });

export const deleteMarkerInput = z.object({ markerId: idSchema("marker") });
