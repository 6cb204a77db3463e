import type { NextApiRequest, NextApiResponse } from "next";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { getStorage } from "@/server/storage";
import { handleTakeAudio, type TakeAudioPurpose } from "./take-audio.handler";

/** The Pages Router API route for a take's audio, wired to the app's database, storage and offload setting. */
export function takeAudioRoute(purpose: TakeAudioPurpose) {
  return function route(req: NextApiRequest, res: NextApiResponse): Promise<void> {
    const { versionId } = req.query;
    return handleTakeAudio(
      req,
      res,
      { versionId: typeof versionId === "string" ? versionId : "", purpose },
      { db: getDb(), storage: getStorage(), offload: env().audioOffload },
    );
  };
}
