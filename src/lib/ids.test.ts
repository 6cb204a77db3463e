import { describe, expect, it } from "vitest";
import { idSchema, isId, tokenSchema } from "./ids";

describe("ids and tokens", () => {
  const band = idSchema("band");
  it("accepts cuids and base64url tokens", () => {
    expect(band.parse("cmabc123xyz0000abcdefghij")).toBe("cmabc123xyz0000abcdefghij");
    expect(tokenSchema.parse("Ab-_".repeat(10) + "xyz")).toHaveLength(43);
  });

  it.each(["", "abc\u0000", "a/b", "a%2Fb", "../etc", "a b", "é", "x".repeat(65)])("refuses the id %j with a readable message", (value) => {
    const result = band.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/band id/);
    expect(isId(value)).toBe(false);
  });

  it("refuses a token outside the alphabet", () => {
    expect(tokenSchema.safeParse("abc\u0000").success).toBe(false);
    expect(tokenSchema.safeParse("x".repeat(129)).success).toBe(false);
  });
});
