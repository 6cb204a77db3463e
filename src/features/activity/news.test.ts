import { describe, expect, it } from "vitest";
import { markNews } from "./news";

const t = (s: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, s));
const since = t(0);

describe("markNews", () => {
  it("marks others' lines after the moment, never mine, and a join once", () => {
    const joiner = { id: "joiner" };
    const lines = markNews(
      [
        { type: "MEMBER_JOINED" as const, createdAt: t(30), actor: joiner, targetUser: joiner },
        { type: "INVITE_ACCEPTED" as const, createdAt: t(30), actor: joiner, targetUser: joiner },
        { type: "COMMENT_ADDED" as const, createdAt: t(20), actor: { id: "me" }, targetUser: null },
        { type: "SETLIST_CREATED" as const, createdAt: t(10), actor: null, targetUser: null },
        { type: "TAKE_UPLOADED" as const, createdAt: since, actor: { id: "other" }, targetUser: null },
      ],
      since,
      "me",
    );
    expect(lines.map((l) => [l.type, l.isNew])).toEqual([
      ["INVITE_ACCEPTED", true],
      ["COMMENT_ADDED", false],
      ["SETLIST_CREATED", true],
      ["TAKE_UPLOADED", false],
    ]);
  });
});
