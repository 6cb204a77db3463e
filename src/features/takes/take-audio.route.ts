import type { NextApiRequest, NextApiResponse } from "next";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { nodeApiRoute } from "@/server/http/api-route";
import { getStorage } from "@/server/storage";
import { handleTakeAudio, type TakeAudioPurpose } from "./take-audio.handler";

/**
 * The Pages Router API route for a take's audio, wired to the app's database,
 * storage and offload setting, and built from the same wrapper as every API
 * route (headers, request id, one access line).
 */
export function takeAudioRoute(purpose: TakeAudioPurpose) {
  return nodeApiRoute(async (req: NextApiRequest, res: NextApiResponse) => {
    const { versionId, source } = req.query;
    await handleTakeAudio(
      req,
      res,
      // Only `source=original` means anything; any other value is ignored (the best rendition).
      { versionId: typeof versionId === "string" ? versionId : "", purpose, original: source === "original" },
      { db: getDb(), storage: getStorage(), offload: env().audioOffload, presignedTtlSeconds: env().presignedTtlSeconds },
    );
  });
}
