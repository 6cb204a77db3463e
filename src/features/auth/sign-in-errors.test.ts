import { describe, expect, it } from "vitest";
import { SIGN_IN_ERRORS } from "@/lib/sign-in-error-codes";
import { signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("blames the address only when the per-address cap was hit", () => {
    const message = signInErrorMessage(SIGN_IN_ERRORS.TooManyEmails, { retryMinutes: 14 });
    expect(message).toMatch(/sent to this address/);
    expect(message).toMatch(/Try again in 14 minutes/);
  });

  it("says the device or network asked too often when the per-client cap was hit, and never blames the address", () => {
    const message = signInErrorMessage(SIGN_IN_ERRORS.TooManyFromClient, { retryMinutes: 1 });
    expect(message).toMatch(/from this device or network/);
    expect(message).not.toMatch(/this address/);
    expect(message).toMatch(/Try again in 1 minute\./);
  });

  it("says 'in a few minutes' when the wait is unknown", () => {
    expect(signInErrorMessage(SIGN_IN_ERRORS.TooManyFromClient)).toMatch(/Try again in a few minutes/);
    expect(signInErrorMessage(SIGN_IN_ERRORS.TooManyEmails, { retryMinutes: null })).toMatch(/Try again in a few minutes/);
  });
});
