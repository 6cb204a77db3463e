import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as readyRoute from "@/app/api/ready/route";
import { useTempStorage } from "@/test/audio-test-kit";
import { resetEnvForTests } from "@/env";
import { createPrismaClient } from "@/server/db/client";
import { resetStorageForTests } from "@/server/storage";
import { S3Storage } from "@/server/storage/s3";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { startDraining, stopDrainingForTests } from "./draining";
import { checkReadiness } from "./readiness";

/**
 * /api/health and /api/ready, the real route modules driven in-process, with
 * the app's database client reaching the database through a TCP proxy that a
 * test cuts and stalls (what an outage looks like), and storage on local disk
 * and on s3rver.
 */
let t: TestDatabase;
let proxy: TcpProxy;
let storage: ReturnType<typeof useTempStorage>;
let s3: TestS3Server;

beforeAll(async () => {
  storage = useTempStorage();
  resetStorageForTests();
  t = await createTestDatabase();
  const target = new URL(t.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  (globalThis as { rehearsalHubDb?: unknown }).rehearsalHubDb = createPrismaClient(proxy.urlFor(t.url));
  s3 = await startS3Server();
});
afterAll(async () => {
  stopDrainingForTests();
  await proxy?.close();
  await t?.close();
  await s3?.close();
  storage?.cleanup();
});

const request = (path: string, method = "GET") => new Request(`http://localhost${path}`, { method });

describe("/api/health", () => {
  it("answers 200 with a tiny body, database or not", async () => {
    await proxy.cut();
    try {
      const response = await healthRoute.GET(request("/api/health"));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "ok" });
      expect((await healthRoute.HEAD(request("/api/health", "HEAD"))).status).toBe(200);
    } finally {
      await proxy.restore();
    }
  });
});

describe("/api/ready", () => {
  it("200 when the database and storage answer", async () => {
    const response = await readyRoute.GET(request("/api/ready"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "ok", storage: "ok" });
  });

  it("503 with Retry-After while the database is cut, 200 again once it is back", async () => {
    await proxy.cut();
    const down = await readyRoute.GET(request("/api/ready"));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(down.headers.get("cache-control")).toBe("no-store");
    const body = await down.text();
    expect(JSON.parse(body)).toEqual({ status: "unavailable", database: "unavailable", storage: "ok" });
    expect(body).not.toMatch(/127\.0\.0\.1|postgres|Error|at /);
    await proxy.restore();
    expect((await readyRoute.GET(request("/api/ready"))).status).toBe(200);
  });

  it("503 within the check's time limit when the database is black-holed", async () => {
    await proxy.stall();
    try {
      const db = createPrismaClient(proxy.urlFor(t.url));
      const readiness = await checkReadiness({ db, storage: { ping: async () => {} } as never, draining: false, timeoutMs: 300 });
      expect(readiness).toEqual({ ready: false, body: { status: "unavailable", database: "unavailable", storage: "ok" } });
    } finally {
      await proxy.restore();
    }
  });

  it("503 when the storage does not answer (S3 server gone), with the database fine", async () => {
    const server = await startS3Server();
    const gone = new S3Storage(server.config, { client: { maxAttempts: 1 } });
    await server.close();
    const db = (globalThis as { rehearsalHubDb?: never }).rehearsalHubDb!;
    expect((await checkReadiness({ db, storage: gone, draining: false })).body).toEqual({ status: "unavailable", database: "ok", storage: "unavailable" });
    const up = new S3Storage(s3.config);
    expect((await checkReadiness({ db, storage: up, draining: false })).body).toEqual({ status: "ready", database: "ok", storage: "ok" });
  });

  it("the route uses STORAGE=s3 when configured", async () => {
    const saved = { ...process.env };
    const server = await startS3Server();
    try {
      Object.assign(process.env, server.env);
      resetEnvForTests();
      resetStorageForTests();
      expect((await readyRoute.GET(request("/api/ready"))).status).toBe(200);
      await server.close();
      const down = await readyRoute.GET(request("/api/ready"));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ storage: "unavailable" });
    } finally {
      process.env = saved;
      resetEnvForTests();
      resetStorageForTests();
    }
  });

  it("503 draining as soon as shutdown starts", async () => {
    startDraining();
    const response = await readyRoute.GET(request("/api/ready"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({ status: "draining", database: "ok", storage: "ok" });
    stopDrainingForTests();
  });
});
