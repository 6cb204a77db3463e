import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import type { RouteContext } from "./route-access";

/** The app's database and the request's session user, for route files. */
export async function routeContext(): Promise<RouteContext> {
  return { db: getDb(), user: await getSessionUser() };
}
