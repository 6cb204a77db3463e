import { handleAuthRoute } from "@/server/auth/auth-route";

export const dynamic = "force-dynamic";

export { handleAuthRoute as GET, handleAuthRoute as POST };
