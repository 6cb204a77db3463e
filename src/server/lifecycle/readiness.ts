import type { PrismaClient } from "@/generated/prisma/client";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { describeCause } from "@/server/errors";
import { log } from "@/server/log";
import type { StorageDriver } from "@/server/storage";

export type CheckResult = "ok" | "unavailable";
export type Readiness = {
  ready: boolean;
  /** What a load balancer or an operator reads: no hosts, no messages, no secrets. */
  body: { status: "ready" | "unavailable" | "draining"; database: CheckResult; storage: CheckResult };
};

/** Longer than this and the check counts as failed: a load balancer must not wait on a black-holed network. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether this instance should get traffic: the database answers a query, the
 * storage answers its ping, and the process is not shutting down. Both checks
 * run at once; each is bounded by `timeoutMs`.
 */
export async function checkReadiness(deps: { db: PrismaClient; storage: StorageDriver; draining: boolean; timeoutMs?: number }): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? CHECK_TIMEOUT_MS;
  const [database, storage] = await Promise.all([
    bounded("database", () => deps.db.$queryRaw`SELECT 1`, timeoutMs),
    bounded("storage", () => (deps.storage.ping ? deps.storage.ping() : Promise.resolve()), timeoutMs),
  ]);
  const status = deps.draining ? "draining" : database === "ok" && storage === "ok" ? "ready" : "unavailable";
  return { ready: status === "ready", body: { status, database, storage } };
}

async function bounded(what: "database" | "storage", check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} check timed out after ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch (error) {
    // An outage is expected and clears by itself; anything else is worth a closer look.
    const level = what === "database" && !isDatabaseUnavailable(error) ? "error" : "warn";
    log()[level]({ check: what, cause: describeCause(error) }, "readiness check failed");
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}
