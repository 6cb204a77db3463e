import { handleUpload } from "@/features/audio/upload.handler";
import { routeContext } from "@/server/access/route-context";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ bandId: string; songId: string }> };

export async function POST(request: Request, { params }: Params) {
  return handleUpload(request, await routeContext(request), await params);
}
