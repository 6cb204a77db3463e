import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLocally, type LocalServer } from "@/test/local-server";
import { isDraining, startDraining, stopDrainingForTests, watchForShutdown } from "./draining";

/**
 * While draining, a kept-alive connection must not go on carrying requests:
 * every answer says Connection: close. A real Node HTTP server in this process
 * (the hook listens on Node's own http diagnostics channel, as in `next start`).
 */
let server: LocalServer;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  watchForShutdown();
  server = await serveLocally((_req, res) => res.end("ok"));
});
afterAll(async () => {
  stopDrainingForTests();
  agent.destroy();
  await server?.close();
});

function get(): Promise<{ connection: string | undefined; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.origin}/`, { agent }, (res) => {
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
