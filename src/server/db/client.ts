import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { poolMaxFor } from "./pool-size";

/**
 * How long a request waits for a new database connection before it is
 * answered 503. pg waits forever by default, so a database host that stops
 * answering (rather than refusing) would hang every request.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The Prisma client the app (and tests) use, over `pg` via adapter-pg. A transaction
 * waits for its connection as long as a single query does (Prisma's own default is
 * 2 s): on the embedded database's one connection, a burst of comments at once
 * queues rather than failing.
 */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolMaxFor(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
    transactionOptions: { maxWait: CONNECT_TIMEOUT_MS },
  });
}
