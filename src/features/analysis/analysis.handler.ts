import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PrismaClient } from "@/generated/prisma/client";
import { requireTakeAccess } from "@/features/takes/take-access";
import { PRIVATE_HEADERS } from "@/features/takes/file-answer";
import { sessionTokenFromCookies } from "@/server/auth/session-reader";
import { AppError } from "@/server/errors";
import { sendErrorResponse } from "@/server/http/node-response";
import { musicAnalysisSchema } from "./analysis.schema";

/**
 * GET|HEAD /api/versions/[versionId]/analysis: the take's music analysis as
 * JSON, 404 until it is READY. The caller is checked exactly as for the
 * take's stream (requireTakeAccess: 401/403/404 the same), before anything
 * about the analysis is read.
 */
export async function handleTakeAnalysis(req: IncomingMessage, res: ServerResponse, versionId: string, db: PrismaClient): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { ...PRIVATE_HEADERS, Allow: "GET, HEAD", "Content-Length": "0" }).end();
    return;
  }
  try {
    await requireTakeAccess(db, { sessionToken: sessionTokenFromCookies(req.headers.cookie), versionId, minRole: "MEMBER", withNames: false });
    const row = await db.takeAnalysis.findUnique({ where: { versionId }, select: { state: true, data: true } });
    const parsed = row?.state === "READY" ? musicAnalysisSchema.safeParse(row.data) : null;
    if (!parsed?.success) throw new AppError("NOT_FOUND", "This take has not been analysed yet.");

    const body = JSON.stringify(parsed.data);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    const headers = { ...PRIVATE_HEADERS, ETag: etag, "Content-Type": "application/json; charset=utf-8" };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    await sendErrorResponse(res, error, PRIVATE_HEADERS);
  }
}
