import { describe, expect, it } from "vitest";
import { isSoleOwner } from "./sole-owner";

describe("isSoleOwner", () => {
  it("is true only when I am the one owner", () => {
    expect(isSoleOwner([{ role: "OWNER", isMe: true }, { role: "ADMIN", isMe: false }])).toBe(true);
    expect(isSoleOwner([{ role: "OWNER", isMe: true }, { role: "OWNER", isMe: false }])).toBe(false);
    expect(isSoleOwner([{ role: "OWNER", isMe: false }, { role: "MEMBER", isMe: true }])).toBe(false);
    expect(isSoleOwner([{ role: "ADMIN", isMe: true }])).toBe(false);
    expect(isSoleOwner([])).toBe(false);
  });
});
