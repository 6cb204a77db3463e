import { describe, expect, it } from "vitest";
import { isMalformedPath } from "./malformed-url";

describe("isMalformedPath", () => {
  it.each(["/bands/%E0%A4%A", "/bands/%", "/invite/%zz", "/api/versions/%E0%A4/stream", "/%C0", "/bands/%00", "/bands/a%0Ab/songs/x", "/bands/%7F"])("%s is malformed", (path) => {
    expect(isMalformedPath(path)).toBe(true);
  });
  it.each(["/", "/bands/abc", "/bands/%E0%A4%A4", "/invite/a%20b", "/signin", "/caf%C3%A9"])("%s is fine", (path) => {
    expect(isMalformedPath(path)).toBe(false);
  });
});
