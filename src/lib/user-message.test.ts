import { describe, expect, it } from "vitest";
import { userMessage } from "./user-message";

describe("userMessage", () => {
  it("shows the server's own sentence for a rate limit (the forms rely on it), not a generic one", () => {
    const bands = { message: "You have created 20 bands today. Try again in 7 hours.", data: { code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" } };
    expect(userMessage(bands)).toBe("You have created 20 bands today. Try again in 7 hours.");
    const invites = { message: "You have sent 200 invites today. Try again in 3 hours.", data: { code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" } };
    expect(userMessage(invites)).toBe("You have sent 200 invites today. Try again in 3 hours.");
  });

  it("shows the first field message of a bad input", () => {
    const error = { message: "[...]", data: { code: "BAD_REQUEST", zodError: { fieldErrors: { title: ["A song title must be plain text on one line (no control characters)."] }, formErrors: [] } } };
    expect(userMessage(error)).toMatch(/plain text/);
  });

  it("shows the server's sentence for a domain reason, not a canned one", () => {
    const lastOwner = { message: "You are this band's only owner. Make someone else an owner first.", data: { code: "CONFLICT", reason: "LAST_OWNER" } };
    expect(userMessage(lastOwner)).toBe("You are this band's only owner. Make someone else an owner first.");
  });

  it("never shows an internal message", () => {
    expect(userMessage({ message: "relation does not exist", data: { code: "INTERNAL_SERVER_ERROR" } })).toBe("Something went wrong on our side. Please try again.");
  });
});
