import { handleResumableUpload } from "@/features/takes/resumable-upload.handler";
import { resumableUploadDeps } from "@/features/takes/resumable-uploads";
import { routeContext } from "@/server/access/route-access";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * tus 1.0: POST creates an upload, HEAD reads its offset, PATCH appends, DELETE
 * abandons it; GET answers a finished upload with the take it became (for a
 * client whose last answer was lost).
 */
const handler = apiRoute(async (request: Request) => handleResumableUpload(request, await routeContext(request), resumableUploadDeps()));

export const GET = handler;
export const POST = handler;
export const HEAD = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
