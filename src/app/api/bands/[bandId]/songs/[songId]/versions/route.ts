import { handleUpload } from "@/features/takes/upload.handler";
import { routeContext } from "@/server/access/route-access";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ bandId: string; songId: string }> };

export const POST = apiRoute(async (request: Request, { params }: Params) =>
  handleUpload(request, await routeContext(request), await params),
);
