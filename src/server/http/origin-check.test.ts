import { describe, expect, it } from "vitest";
import { checkRequestOrigin, normalizeOrigin } from "./origin-check";

const appOrigin = "https://band.example";
const check = (over: Partial<Parameters<typeof checkRequestOrigin>[0]>) =>
  checkRequestOrigin({ method: "POST", origin: null, secFetchSite: null, appOrigin, ...over });

describe("checkRequestOrigin", () => {
  it("lets safe methods through whatever their headers say", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(check({ method, origin: "https://evil.example", secFetchSite: "cross-site" })).toEqual({ ok: true });
    }
  });

  it("accepts the app's own origin and same-origin fetches", () => {
    expect(check({ origin: "https://band.example", secFetchSite: "same-origin" }).ok).toBe(true);
    expect(check({ origin: "https://BAND.example:443" }).ok).toBe(true);
    expect(check({ secFetchSite: "same-origin" }).ok).toBe(true);
    // A user typing or bookmarking (no initiator) is not cross-site.
    expect(check({ secFetchSite: "none" }).ok).toBe(true);
  });

  it("accepts the origin the request was addressed to (e.g. 127.0.0.1 while APP_URL says localhost)", () => {
    expect(check({ origin: "http://127.0.0.1:3000", requestOrigin: "http://127.0.0.1:3000" }).ok).toBe(true);
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a look-alike subdomain", { origin: "https://band.example.evil.example" }],
    ["a sibling subdomain", { origin: "https://files.band.example" }],
    ["another port", { origin: "https://band.example:8443" }],
    ["another scheme", { origin: "http://band.example" }],
    ["Origin: null", { origin: "null" }],
    ["a malformed Origin", { origin: "not a url" }],
    ["a non-web Origin", { origin: "file:///etc/passwd" }],
    ["Sec-Fetch-Site: cross-site", { secFetchSite: "cross-site" }],
    ["Sec-Fetch-Site: same-site", { secFetchSite: "same-site" }],
    ["same-site fetch from the app's own origin header", { origin: appOrigin, secFetchSite: "same-site" }],
  ])("refuses %s", (_name, over) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(check({ method, ...over }).ok).toBe(false);
  });

  it("lets through requests with neither header (not a browser)", () => {
    expect(check({}).ok).toBe(true);
  });
});

describe("normalizeOrigin", () => {
  it("drops default ports and case", () => {
    expect(normalizeOrigin("HTTPS://Band.Example:443")).toBe("https://band.example");
    expect(normalizeOrigin("http://localhost:3000/")).toBe("http://localhost:3000");
    expect(normalizeOrigin("javascript:alert(1)")).toBeNull();
  });
});
