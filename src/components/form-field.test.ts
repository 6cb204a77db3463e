import { describe, expect, it } from "vitest";
import { fieldAria, showServerError } from "./form-field";

describe("fieldAria", () => {
  it("points at the error when there is one, else at the hint", () => {
    expect(fieldAria({ message: "Bad" }, "e", "h")).toEqual({ "aria-invalid": true, "aria-describedby": "e" });
    expect(fieldAria(undefined, "e", "h")).toEqual({ "aria-invalid": undefined, "aria-describedby": "h" });
    expect(fieldAria(undefined, "e")).toEqual({ "aria-invalid": undefined, "aria-describedby": undefined });
  });
});

describe("showServerError", () => {
  function capture() {
    const calls: [string, { type: string; message: string }][] = [];
    const setError = ((name: string, error: { type: string; message: string }) => void calls.push([name, error])) as never;
    return { calls, setError };
  }

  it("puts a zod issue on the field it names, with that field's own message", () => {
    const { calls, setError } = capture();
    const error = { message: "x", data: { code: "BAD_REQUEST", zodError: { fieldErrors: { bandId: ["Bad id."], maxUses: ["Allow at least one use."] } } } };
    showServerError(setError, "root.server", ["expiresInDays", "maxUses"])(error);
    expect(calls).toEqual([["maxUses", { type: "server", message: "Allow at least one use." }]]);
  });

  it("puts anything else on the fallback target, as a readable sentence", () => {
    const { calls, setError } = capture();
    const error = { message: "This band has sent 30 invites in the last hour. Try again in 12 minutes.", data: { code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" } };
    showServerError(setError, "root.server", ["email"])(error);
    expect(calls).toEqual([["root.server", { type: "server", message: "This band has sent 30 invites in the last hour. Try again in 12 minutes." }]]);
  });
});
