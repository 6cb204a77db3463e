import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = apiRoute(async (request: Request, context: RouteContext) =>
  NextAuth(request as never, context as never, getAuthOptions()),
);

export { handler as GET, handler as POST };
