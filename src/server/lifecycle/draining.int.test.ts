import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDraining, startDraining, stopDrainingForTests, watchForShutdown } from "./draining";

/**
 * While draining, a kept-alive connection must not go on carrying requests:
 * every answer says Connection: close. A real Node HTTP server in this process
 * (the hook listens on Node's own http diagnostics channel, as in `next start`).
 */
let server: http.Server;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  watchForShutdown();
  server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  stopDrainingForTests();
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(): Promise<{ connection: string | undefined; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ connection: res.headers.connection, socket: req.socket }));
    });
    req.on("error", reject);
  });
}

describe("draining", () => {
  it("keeps connections alive while serving, and closes each after its answer once draining", async () => {
    expect(isDraining()).toBe(false);
    const first = await get();
    const second = await get();
    expect(first.connection).toBe("keep-alive");
    expect(second.socket).toBe(first.socket);

    startDraining();
    const last = await get();
    expect(last.connection).toBe("close");
    const after = await get();
    expect(after.socket).not.toBe(first.socket);
    expect(after.connection).toBe("close");
  });
});
