import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl, sameOriginRedirect } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/bands/abc", "/bands/abc"],
    ["/invite/xyz?x=1", "/invite/xyz?x=1"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeCallbackUrl(input as string | undefined)).toBe(expected);
  });
});

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  const base = "http://localhost:4200";
  it.each([
    ["/bands/abc", "http://localhost:4200/bands/abc"],
    ["http://localhost:4200/invite/x?y=1", "http://localhost:4200/invite/x?y=1"],
    [undefined, "http://localhost:4200/"],
    ["https://localhost:4200.evil.example/", "http://localhost:4200/"],
    ["http://localhost:4200.evil.example/", "http://localhost:4200/"],
    ["http://localhost.evil.example:4200/", "http://localhost:4200/"],
    ["http://localhost:4200@evil.example/", "http://localhost:4200/"],
    ["https://localhost:4200/", "http://localhost:4200/"],
    ["http://localhost:4201/", "http://localhost:4200/"],
    ["//evil.example/", "http://localhost:4200/"],
    ["/\\evil.example/", "http://localhost:4200/"],
    ["javascript:alert(1)", "http://localhost:4200/"],
    ["http://[::1", "http://localhost:4200/"],
    ["http://%zz/", "http://localhost:4200/"],
  ])("%s -> %s", (input, expected) => {
    expect(sameOriginRedirect(input, base)).toBe(expected);
  });

  // 2000 generated URLs: seconds on a busy machine, past vitest's 5 s default.
  it("never throws and never leaves the app's origin, whatever it is given", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string({ unit: "binary" }), fc.string().map((s) => `https://localhost:4200${s}`)), (value) => {
        const out = sameOriginRedirect(value, base);
        expect(new URL(out).origin).toBe(base);
      }),
      { numRuns: 2000 },
    );
  });
});
