import { describe, expect, it } from "vitest";
import { collapseJoins } from "./collapse-joins";

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, s));
const sam = { id: "sam" };
const kim = { id: "kim" };

describe("collapseJoins", () => {
  it("keeps one line for a join through an invite or a join link", () => {
    const items = [
      { type: "MEMBER_JOINED" as const, createdAt: at(10), targetUser: sam },
      { type: "INVITE_ACCEPTED" as const, createdAt: at(10), targetUser: sam },
      { type: "JOIN_LINK_USED" as const, createdAt: at(5), targetUser: kim },
      { type: "MEMBER_JOINED" as const, createdAt: at(5), targetUser: kim },
    ];
    expect(collapseJoins(items).map((i) => i.type)).toEqual(["INVITE_ACCEPTED", "JOIN_LINK_USED"]);
  });

  it("keeps a join that has no invite or link event beside it", () => {
    const items = [
      { type: "MEMBER_JOINED" as const, createdAt: at(30), targetUser: sam },
      { type: "INVITE_ACCEPTED" as const, createdAt: at(30), targetUser: kim },
      { type: "MEMBER_JOINED" as const, createdAt: at(0), targetUser: kim }, // 30 s apart: not the same moment
    ];
    expect(collapseJoins(items)).toEqual(items);
  });

  it("leaves every other event alone", () => {
    const items = [
      { type: "MEMBER_LEFT" as const, createdAt: at(1), targetUser: sam },
      { type: "BAND_CREATED" as const, createdAt: at(0), targetUser: null },
    ];
    expect(collapseJoins(items)).toEqual(items);
  });
});
