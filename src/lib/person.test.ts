import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColour, initials, personName } from "./person";

describe("personName", () => {
  it("prefers the display name, else the email", () => {
    expect(personName({ name: "  Mia  ", email: "mia@example.com" })).toBe("Mia");
    expect(personName({ name: "   ", email: "mia@example.com" })).toBe("mia@example.com");
    expect(personName({ name: null, email: "mia@example.com" })).toBe("mia@example.com");
  });
});

describe("initials", () => {
  it.each([
    ["Ana Lucía Pérez", "AP"],
    ["mia", "M"],
    ["Jean-Luc", "JL"],
    ["  Ben   Ross ", "BR"],
    ["élodie durand", "ÉD"],
    ["(DJ) Kofi", "DK"],
  ])("%s -> %s", (name, expected) => {
    expect(initials({ name, email: "x@example.com" })).toBe(expected);
  });

  it("falls back to the address's first letter", () => {
    expect(initials({ name: null, email: "zoe.smith@example.com" })).toBe("Z");
  });

  it("never splits a character made of two code units", () => {
    expect(initials({ name: "𝒜lex Stone", email: "a@example.com" })).toBe("𝒜S");
  });

  it("gives a question mark when there are no letters at all", () => {
    expect(initials({ name: "!!!", email: "a@example.com" })).toBe("?");
  });
});

describe("avatarColour", () => {
  it("is stable per id and within the palette", () => {
    expect(avatarColour("user-1")).toBe(avatarColour("user-1"));
    for (const id of ["a", "b", "clx1", "cm0abc", "zz"]) {
      const c = avatarColour(id);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(AVATAR_COLOURS);
    }
  });

  it("spreads ids over the palette", () => {
    const used = new Set(Array.from({ length: 64 }, (_, i) => avatarColour(`user-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS);
  });
});
