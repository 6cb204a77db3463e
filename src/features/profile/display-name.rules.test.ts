import { describe, expect, it } from "vitest";
import { cleanDisplayName, displayNameKey, findNameClash, sameDisplayName } from "./display-name.rules";

describe("sameDisplayName", () => {
  it("ignores case, outer and inner spacing", () => {
    expect(sameDisplayName("Alex Owner", "alex owner")).toBe(true);
    expect(sameDisplayName("Alex Owner", "  ALEX    Owner ")).toBe(true);
    expect(sameDisplayName("Alex Owner", "Alex\u00a0Owner")).toBe(true); // no-break space
    expect(sameDisplayName("Alex Owner", "Alex\u3000Owner")).toBe(true); // ideographic space
  });

  it("sees through Unicode forms: full-width, styled and decomposed letters", () => {
    expect(sameDisplayName("Alex Owner", "Ａｌｅｘ Ｏｗｎｅｒ")).toBe(true);
    expect(sameDisplayName("Alex Owner", "𝐀𝐥𝐞𝐱 𝐎𝐰𝐧𝐞𝐫")).toBe(true);
    expect(sameDisplayName("Zoë", "Zoe\u0308")).toBe(true);
  });

  it("ignores invisible characters: zero-width spaces and joiners, soft hyphens, direction marks, variation selectors", () => {
    for (const trick of ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e", "\u2066", "\ufe0f", "\u034f"]) {
      expect(sameDisplayName("Alex Owner", `Al${trick}ex Owner`)).toBe(true);
      expect(sameDisplayName("Alex Owner", `Alex Owner${trick}`)).toBe(true);
    }
  });

  it("folds letters of other scripts that are drawn like Latin ones", () => {
    expect(sameDisplayName("Alex Owner", "\u0410lex Owner")).toBe(true); // Cyrillic А
    expect(sameDisplayName("Alex Owner", "Alex \u041ewner")).toBe(true); // Cyrillic О
    expect(sameDisplayName("Paco", "\u0420\u0430\u0441\u043e")).toBe(true); // all Cyrillic
  });

  it("tells different names apart", () => {
    expect(sameDisplayName("Alex Owner", "Alex Owner 2")).toBe(false);
    expect(sameDisplayName("Alex Owner", "Alexa Owner")).toBe(false);
    expect(sameDisplayName("Alex Owner", "AlexOwner")).toBe(false);
    expect(sameDisplayName("Zoë", "Zoe")).toBe(false);
    expect(sameDisplayName("Jürgen", "Jurgen")).toBe(false);
    expect(sameDisplayName("李雷", "李蕾")).toBe(false);
  });
});

describe("cleanDisplayName", () => {
  it("keeps the name as typed, without invisible characters and repeated spaces", () => {
    expect(cleanDisplayName("  Al\u200bex   Owner\u00ad ")).toBe("Alex Owner");
    expect(cleanDisplayName("Zoë 🎸")).toBe("Zoë 🎸");
    expect(cleanDisplayName("\u200b\u200d")).toBe("");
  });
});

describe("findNameClash", () => {
  const members = [
    { userId: "a", name: "Alex Owner" },
    { userId: "b", name: null },
    { userId: "c", name: "Kim" },
  ];
  it("finds the member whose name looks the same", () => {
    expect(findNameClash("alex\u200bowner".replace("x", "x "), members)).toEqual({ userId: "a", name: "Alex Owner" });
    expect(findNameClash(" KIM ", members)).toEqual({ userId: "c", name: "Kim" });
    expect(findNameClash("Robin", members)).toBeNull();
    expect(findNameClash("\u200b", members)).toBeNull();
    expect(displayNameKey("\u200b")).toBe("");
  });
});
