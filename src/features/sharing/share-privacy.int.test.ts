import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeApiRoute } from "@/server/http/api-route";
import { pageSecurityHeaders } from "@/server/http/security-headers";
import { captureLogs, loggablePath } from "@/server/log";
import { serveLocally, type LocalServer } from "@/test/local-server";

/**
 * A link's token is its only secret: it must not leave through a Referer
 * header, a search engine or the server's log. The audio routes are served by
 * the same wrapper as every API route (nodeApiRoute), here on a real socket.
 */

const TOKEN = "S3cr3tT0kenThatMustNeverBeLoggedAtAll_xyz12";
let server: LocalServer;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  const route = nodeApiRoute(async (req: IncomingMessage & { query?: Record<string, string> }, res: ServerResponse) => {
    if (req.url?.includes("fail")) throw new Error("storage exploded");
    res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
  });
  server = await serveLocally((req, res) => void route(req as never, res as never));
});
afterAll(async () => {
  await server?.close();
  logs.restore();
});

describe("a share link's token", () => {
  it("is replaced in logged paths, for the page and the audio routes", () => {
    expect(loggablePath(`/s/${TOKEN}`)).toBe("/s/[token]");
    expect(loggablePath(`/api/s/${TOKEN}/versions/v1/stream`)).toBe("/api/s/[token]/versions/v1/stream");
    expect(loggablePath(`/bands/b1/songs/s1`)).toBe("/bands/b1/songs/s1");
  });

  it("never reaches the access line or an error's line, and the answers say no-referrer and noindex", async () => {
    const ok = await fetch(`${server.origin}/api/s/${TOKEN}/versions/v1/stream`);
    const failed = await fetch(`${server.origin}/api/s/${TOKEN}/versions/fail/stream`);
    expect([ok.status, failed.status]).toEqual([200, 500]);
    for (const response of [ok, failed]) {
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      await response.arrayBuffer();
    }
    const text = logs.lines.join("\n");
    expect(text).toContain("/api/s/[token]/versions/v1/stream");
    expect(text).toContain("storage exploded");
    expect(text).not.toContain(TOKEN);
  });

  it("the guest's page sends no referrer and asks not to be indexed", () => {
    const headers = pageSecurityHeaders({ nonce: "n", pathname: `/s/${TOKEN}`, https: false, dev: false });
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["X-Robots-Tag"]).toBe("noindex, nofollow");
    expect(pageSecurityHeaders({ nonce: "n", pathname: "/bands", https: false, dev: false })["X-Robots-Tag"]).toBeUndefined();
  });
});
