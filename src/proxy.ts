import { NextResponse, type NextRequest } from "next/server";
import { refuseMalformedUrl } from "@/server/http/malformed-url";

/** Next 16's request proxy (formerly middleware): composes small, separately tested steps. */
export function proxy(request: NextRequest) {
  return refuseMalformedUrl(request) ?? NextResponse.next();
}

export const config = {
  // Static assets never carry user-typed paths.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
