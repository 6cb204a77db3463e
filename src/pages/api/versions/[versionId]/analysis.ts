import type { NextApiRequest, NextApiResponse } from "next";
import { handleTakeAnalysis } from "@/features/analysis/analysis.handler";
import { getDb } from "@/server/db";
import { nodeApiRoute } from "@/server/http/api-route";

// The take's music analysis (tempo, beats, bars, key, chords), 404 until it is
// made; a Pages Router API route beside stream.ts and peaks.ts, with the same
// access check. Next reads this statically: no body parsing (GET/HEAD only).
export const config = { api: { bodyParser: false } };
export default nodeApiRoute(async (req: NextApiRequest, res: NextApiResponse) => {
  const { versionId } = req.query;
  await handleTakeAnalysis(req, res, typeof versionId === "string" ? versionId : "", getDb());
});
