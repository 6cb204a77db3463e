import type { NextApiRequest, NextApiResponse } from "next";
import { env } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashToken } from "@/features/invites/invite-token";
import { requireLinkTakeAccess } from "@/features/takes/take-access";
import { handleTakeAudio, type TakeAudioAccess, type TakeAudioPurpose } from "@/features/takes/take-audio.handler";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { nodeApiRoute } from "@/server/http/api-route";
import { getStorage } from "@/server/storage";
import { isUnlocked } from "./share-unlock";

/**
 * A guest's access to a take through a link: the link and the take read in one
 * statement on every request (requireLinkTakeAccess, decided by the same
 * decideCallerAccess as a member's), the password proved by the unlock cookie,
 * and a download only when the link allows it. The bytes are then served
 * exactly as for a member (ranges, validators, offload).
 */
export function linkAccess(db: PrismaClient, token: string): TakeAudioAccess {
  return async (req, { versionId, purpose }) => {
    const granted = await requireLinkTakeAccess(db, {
      tokenHash: hashToken(token),
      versionId,
      isUnlocked: (link) => isUnlocked(req.headers.cookie, link),
      withNames: purpose === "download",
    });
    if (purpose === "download" && !granted.link.allowDownload) throw new AppError("FORBIDDEN", "This link does not allow downloads.");
    return granted;
  };
}

/** GET|HEAD /api/s/[token]/versions/[versionId]/(stream|peaks|download). */
export function shareAudioRoute(purpose: TakeAudioPurpose) {
  return nodeApiRoute(async (req: NextApiRequest, res: NextApiResponse) => {
    const { token, versionId } = req.query;
    await handleTakeAudio(
      req,
      res,
      { versionId: typeof versionId === "string" ? versionId : "", purpose, access: linkAccess(getDb(), typeof token === "string" ? token : "") },
      { db: getDb(), storage: getStorage(), offload: env().audioOffload, presignedTtlSeconds: env().presignedTtlSeconds },
    );
  });
}
