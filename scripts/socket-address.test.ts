import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinSocketAddress } from "./socket-address.mjs";
import "./socket-address-preload.mjs";

/**
 * What a directly exposed server (npm start without TRUST_PROXY) lets through:
 * a request's own X-Forwarded-For, X-Real-IP or Forwarded never reaches the app;
 * X-Forwarded-For is the socket's address.
 */
let server: http.Server;
let port: number;

beforeAll(async () => {
  // A plain Node server in this process, which has loaded the preload as `npm start` loads it into Next.js.
  server = http.createServer((req, res) => res.end(JSON.stringify({ headers: req.headers, rawHeaders: req.rawHeaders })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function seenBy(headers: Record<string, string | string[]>): Promise<{ headers: Record<string, string>; rawHeaders: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("over a real socket", () => {
  it("a client's forwarding headers are replaced by the socket address", async () => {
    const seen = await seenBy({
      "X-Forwarded-For": ["198.51.100.1, 203.0.113.9", "192.0.2.4"],
      "X-Real-IP": "198.51.100.2",
      Forwarded: "for=198.51.100.3",
    });
    expect(seen.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen.headers["x-real-ip"]).toBeUndefined();
    expect(seen.headers["forwarded"]).toBeUndefined();
    expect(seen.rawHeaders.join("\n")).not.toMatch(/198\.51\.100|203\.0\.113|192\.0\.2/);
  });

  it("a request without any gets the socket address too", async () => {
    const seen = await seenBy({});
    expect(seen.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });
});

describe("pinSocketAddress", () => {
  it("drops every forwarding header, whatever its case, and keeps the others", () => {
    const request = {
      headers: { host: "example.test", "x-forwarded-for": "1.1.1.1", "x-real-ip": "2.2.2.2", forwarded: "for=3.3.3.3" } as Record<string, string>,
      rawHeaders: ["Host", "example.test", "x-FORWARDED-for", "1.1.1.1", "X-Real-Ip", "2.2.2.2", "Forwarded", "for=3.3.3.3"],
    };
    pinSocketAddress(request, "::ffff:10.0.0.7");
    expect(request.headers).toEqual({ host: "example.test", "x-forwarded-for": "::ffff:10.0.0.7" });
    expect(request.rawHeaders).toEqual(["Host", "example.test", "X-Forwarded-For", "::ffff:10.0.0.7"]);
  });

  it("without a socket address (a destroyed socket) no forwarded address is left at all", () => {
    const request = { headers: { "x-forwarded-for": "1.1.1.1" } as Record<string, string>, rawHeaders: ["X-Forwarded-For", "1.1.1.1"] };
    pinSocketAddress(request, undefined);
    expect(request.headers).toEqual({});
    expect(request.rawHeaders).toEqual([]);
  });
});
