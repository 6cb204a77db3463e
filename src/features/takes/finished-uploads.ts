import fsp from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * What stays of an upload once it became a take: which take, for whom. A
 * client whose answer to the final PATCH was lost (a dropped connection, a
 * reload at the last moment) asks again with HEAD and learns the upload is
 * complete, then fetches the take, instead of sending the whole file again
 * and making a second take. Removed by the abandoned-upload sweep after a day.
 */
export const finishedUploadSchema = z.object({
  versionId: z.string().min(1),
  size: z.number().int().nonnegative(),
  userId: z.string().min(1),
  bandId: z.string().min(1),
  songId: z.string().min(1),
});
export type FinishedUpload = z.infer<typeof finishedUploadSchema>;

export const FINISHED_SUFFIX = ".done";

const recordPath = (directory: string, id: string) => path.join(directory, `${id}${FINISHED_SUFFIX}`);

export async function recordFinishedUpload(directory: string, id: string, finished: FinishedUpload): Promise<void> {
  await fsp.writeFile(recordPath(directory, id), JSON.stringify(finished));
}

export async function readFinishedUpload(directory: string, id: string): Promise<FinishedUpload | null> {
  try {
    const parsed = finishedUploadSchema.safeParse(JSON.parse(await fsp.readFile(recordPath(directory, id), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function forgetFinishedUpload(directory: string, id: string): Promise<void> {
  await fsp.rm(recordPath(directory, id), { force: true });
}
