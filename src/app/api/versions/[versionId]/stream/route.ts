import { handleStream } from "@/features/audio/stream.handler";
import { routeContext } from "@/server/access/route-context";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ versionId: string }> };

const stream = apiRoute(async (request: Request, { params }: Params) => {
  const { versionId } = await params;
  return handleStream(request, await routeContext(request), versionId);
});

export { stream as GET, stream as HEAD };
