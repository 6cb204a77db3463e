import { NextResponse } from "next/server";

/**
 * A path whose percent-encoding does not decode (`/bands/%E0%A4%A`) makes
 * Next's router throw a DecodeError while matching a dynamic segment. Next
 * then tries its Pages Router error page, which an App Router app does not
 * have, and answers a bare "Internal Server Error" (500). The proxy runs before
 * that matching, so it sends such requests to the styled not-found page (404)
 * instead: a URL that cannot be decoded names nothing. The same goes for a
 * path segment that decodes to a control character.
 */
export function isMalformedPath(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    // No route of this app has a control character in its path (a NUL would reach the database as an id).
    if (CONTROL.test(decoded)) return true;
  }
  return false;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Where malformed URLs are rewritten: a path no route matches, so Next renders app/not-found.tsx with 404. */
export const MALFORMED_URL_REWRITE = "/_malformed-url";

/** The answer to an API request whose URL cannot be decoded: a JSON 400 like every other bad request. */
export function malformedApiUrlResponse(headers: Record<string, string>): NextResponse {
  return NextResponse.json(
    { error: { message: "The address is not valid: it has a malformed percent-encoding or a control character.", code: "BAD_REQUEST", reason: null } },
    { status: 400, headers },
  );
}
