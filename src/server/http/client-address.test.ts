import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("is unknown without X-Forwarded-For (Next writes the socket address there for a direct client)", () => {
    expect(clientAddress(headers(), { trustProxy: false })).toBeNull();
    expect(clientAddress(headers(""), { trustProxy: true })).toBeNull();
  });

  it("behind a trusted proxy: the right-most entry, whatever the client wrote to its left", () => {
    expect(clientAddress(headers("10.0.0.1, 203.0.113.50"), { trustProxy: true })).toBe("203.0.113.50");
    expect(clientAddress(headers("evil, 10.0.0.2,203.0.113.50 "), { trustProxy: true })).toBe("203.0.113.50");
    expect(clientAddress(headers("::ffff:203.0.113.50"), { trustProxy: true })).toBe("203.0.113.50");
  });

  it("without a trusted proxy: the header as it arrived, as one key", () => {
    expect(clientAddress(headers("::1"), { trustProxy: false })).toBe("::1");
    expect(clientAddress(headers("10.0.0.1, 203.0.113.50"), { trustProxy: false })).toBe("10.0.0.1, 203.0.113.50");
    expect(clientAddress(headers("x".repeat(1000)), { trustProxy: false })).toHaveLength(200);
  });
});
