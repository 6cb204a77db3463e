import { apiRoute } from "@/server/http/api-route";

// Liveness: the process runs and answers. Nothing else is touched (no database),
// so a database outage never makes an orchestrator restart healthy instances.
export const dynamic = "force-dynamic";

const alive = apiRoute(async () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }));

export const GET = alive;
export const HEAD = alive;
