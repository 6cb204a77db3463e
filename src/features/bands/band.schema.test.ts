import { describe, expect, it } from "vitest";
import { deleteConfirmationMatches, updateBandInput } from "./band.schema";

describe("deleteConfirmationMatches", () => {
  it("needs the band's exact name (surrounding spaces aside)", () => {
    expect(deleteConfirmationMatches("The Late Takes", "The Late Takes")).toBe(true);
    expect(deleteConfirmationMatches("The Late Takes", "  The Late Takes ")).toBe(true);
    expect(deleteConfirmationMatches("The Late Takes", "the late takes")).toBe(false);
    expect(deleteConfirmationMatches("The Late Takes", "The Late")).toBe(false);
    expect(deleteConfirmationMatches("The Late Takes", "")).toBe(false);
  });
});

describe("updateBandInput", () => {
  it("trims the name and refuses empty or overlong names with a readable message", () => {
    expect(updateBandInput.parse({ name: "  Renamed " })).toEqual({ name: "Renamed" });
    expect(updateBandInput.safeParse({ name: "  " }).error?.issues[0]?.message).toBe("Give your band a name.");
    expect(updateBandInput.safeParse({ name: "x".repeat(81) }).success).toBe(false);
  });
});
