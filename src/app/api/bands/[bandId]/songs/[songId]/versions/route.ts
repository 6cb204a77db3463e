import { handleUpload } from "@/features/audio/upload.handler";
import { routeContext } from "@/server/access/route-context";
import { errorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ bandId: string; songId: string }> };

export async function POST(request: Request, { params }: Params) {
  // The session lookup is the first database call: an outage here is a 503 too, not a 500.
  const ctx = await routeContext(request).catch((error: unknown) => errorResponse(error));
  if (ctx instanceof Response) return ctx;
  return handleUpload(request, ctx, await params);
}
