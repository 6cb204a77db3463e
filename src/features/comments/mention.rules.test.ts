import { describe, expect, it } from "vitest";
import { mentionQueryAt, mentionSuggestions, parseMentions } from "./mention.rules";

const members = [
  { userId: "u-anna", name: "Anna" },
  { userId: "u-annalee", name: "Anna Lee" },
  { userId: "u-bo", name: "Bo" },
  { userId: "u-zoe", name: "Zoë" },
];

describe("parseMentions", () => {
  it("finds members by display name, any case, each once, in order of first mention", () => {
    expect(parseMentions("@bo and @Anna, then @BO again", members)).toEqual(["u-bo", "u-anna"]);
    expect(parseMentions("@Zoë: nice", members)).toEqual(["u-zoe"]);
  });

  it("prefers the longest name, and a name must end at a word boundary", () => {
    expect(parseMentions("@Anna Lee plays it", members)).toEqual(["u-annalee"]);
    expect(parseMentions("@Annabel and @Bob", members)).toEqual([]);
    expect(parseMentions("@Anna.", members)).toEqual(["u-anna"]);
  });

  it("ignores email addresses, a lone @ and unknown names", () => {
    expect(parseMentions("mail bo@anna.test", members)).toEqual([]);
    expect(parseMentions("@ @Carl", members)).toEqual([]);
    expect(parseMentions("@Bo", [{ userId: "x", name: "  " }])).toEqual([]);
  });
});

describe("mentionQueryAt / mentionSuggestions", () => {
  it("reads the @query under the caret, not after a word or across lines", () => {
    expect(mentionQueryAt("hey @An", 7)).toEqual({ start: 4, query: "An" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("a@b", 3)).toBeNull();
    expect(mentionQueryAt("@An\nx", 5)).toBeNull();
    expect(mentionQueryAt("no at", 5)).toBeNull();
  });

  it("suggests prefix matches first, then substring matches", () => {
    expect(mentionSuggestions(members, "an").map((m) => m.name)).toEqual(["Anna", "Anna Lee"]);
    expect(mentionSuggestions(members, "lee").map((m) => m.name)).toEqual(["Anna Lee"]);
    expect(mentionSuggestions(members, "", 2)).toHaveLength(2);
  });
});
