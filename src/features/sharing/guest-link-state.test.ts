import { describe, expect, it } from "vitest";
import { linkEndedFrom } from "./guest-link-state";

describe("linkEndedFrom", () => {
  it("reads the link's refusals", () => {
    expect(linkEndedFrom(404, "SHARE_NOT_FOUND")).toBe("revoked");
    expect(linkEndedFrom(410, "SHARE_EXPIRED")).toBe("expired");
    expect(linkEndedFrom(401, "SHARE_PASSWORD_REQUIRED")).toBe("locked");
  });
  it("a take that is gone, or a working link, is not the link ending", () => {
    expect(linkEndedFrom(404, null)).toBeNull();
    expect(linkEndedFrom(206, null)).toBeNull();
    expect(linkEndedFrom(500, null)).toBeNull();
  });
});
