import { describe, expect, it } from "vitest";
import { isTransientStatus, retryAfterDelay, waitForNetwork } from "./upload-retry.rules";

describe("retryAfterDelay", () => {
  it("retries a request that got no answer only while the browser is online", () => {
    expect(retryAfterDelay({ sent: true, status: 0 }, true)).toBe(true);
    expect(retryAfterDelay({ sent: true, status: 0 }, false)).toBe(false);
  });

  it("retries a server briefly away, never a refusal, never what sent no request", () => {
    for (const status of [500, 502, 503, 504, 408, 409, 423, 429]) expect(retryAfterDelay({ sent: true, status }, true)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 415]) expect(retryAfterDelay({ sent: true, status }, true)).toBe(false);
    expect(retryAfterDelay({ sent: false, status: 0 }, true)).toBe(false);
  });
});

describe("waitForNetwork", () => {
  it("waits on a lost connection of any length, not on an answer or a local failure", () => {
    expect(waitForNetwork({ sent: true, status: 0 })).toBe(true);
    expect(waitForNetwork({ sent: true, status: 503 })).toBe(false);
    expect(waitForNetwork({ sent: true, status: 415 })).toBe(false);
    expect(waitForNetwork({ sent: false, status: 0 })).toBe(false);
  });
});

describe("isTransientStatus", () => {
  it("tells not now from no", () => {
    expect(isTransientStatus(503)).toBe(true);
    expect(isTransientStatus(403)).toBe(false);
  });
});
