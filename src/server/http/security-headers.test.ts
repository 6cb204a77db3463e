import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, contentSecurityPolicy, pageSecurityHeaders, referrerPolicyFor } from "./security-headers";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

describe("contentSecurityPolicy", () => {
  const prod = contentSecurityPolicy({ nonce: "abc123", https: false, dev: false });

  it("allows only nonced scripts, never inline or eval in production", () => {
    expect(directive(prod, "script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(prod).not.toContain("unsafe-eval");
    expect(directive(prod, "style-src")).not.toContain("'unsafe-inline'");
  });

  it("denies framing, plugins and base-tag hijacking", () => {
    expect(directive(prod, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(prod, "object-src")).toEqual(["'none'"]);
    expect(directive(prod, "base-uri")).toEqual(["'none'"]);
    expect(directive(prod, "form-action")).toEqual(["'self'"]);
  });

  it("lets development builds hot-reload", () => {
    const dev = contentSecurityPolicy({ nonce: "n", https: false, dev: true });
    expect(directive(dev, "script-src")).toContain("'unsafe-eval'");
    expect(directive(dev, "connect-src")).toContain("ws:");
  });

  it("upgrades insecure requests only over https", () => {
    expect(directive(prod, "upgrade-insecure-requests")).toBeUndefined();
    expect(directive(contentSecurityPolicy({ nonce: "n", https: true, dev: false }), "upgrade-insecure-requests")).toEqual([]);
  });
});

describe("referrerPolicyFor", () => {
  it.each(["/s/tok", "/api/s/tok/versions/v1/stream", "/invite/tok", "/join/tok", "/unsubscribe/tok", "/signin", "/signin/check-email", "/api/auth/callback/email"])(
    "sends no referrer from %s (its URL carries a secret)",
    (path) => expect(referrerPolicyFor(path)).toBe("no-referrer"),
  );
  it.each(["/", "/bands/b1", "/signinx"])("sends the origin only cross-site from %s", (path) =>
    expect(referrerPolicyFor(path)).toBe("strict-origin-when-cross-origin"),
  );
});

describe("media from the bucket (AUDIO_OFFLOAD=presigned)", () => {
  it("adds exactly the given origins to media-src, nothing elsewhere", () => {
    const policy = contentSecurityPolicy({ nonce: "n", https: true, dev: false, mediaOrigins: ["https://audio.s3.eu-central-1.amazonaws.com"] });
    expect(directive(policy, "media-src")).toEqual(["'self'", "blob:", "https://audio.s3.eu-central-1.amazonaws.com"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'"]);
    expect(directive(contentSecurityPolicy({ nonce: "n", https: true, dev: false }), "media-src")).toEqual(["'self'", "blob:"]);
  });
});

describe("pageSecurityHeaders / apiSecurityHeaders", () => {
  it("deny framing and scope the microphone to the app", () => {
    for (const h of [pageSecurityHeaders({ nonce: "n", pathname: "/", https: false, dev: false }), apiSecurityHeaders("/api/trpc", false)]) {
      expect(h["X-Frame-Options"]).toBe("DENY");
      expect(h["Permissions-Policy"]).toContain("microphone=(self)");
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
    }
  });

  it("send HSTS only when the app is served over https", () => {
    expect(pageSecurityHeaders({ nonce: "n", pathname: "/", https: false, dev: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(apiSecurityHeaders("/api/trpc", true)["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("gives API answers a policy under which nothing loads", () => {
    expect(apiSecurityHeaders("/api/trpc", false)["Content-Security-Policy"]).toMatch(/^default-src 'none'/);
  });
});
