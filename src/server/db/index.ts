import type { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { createPrismaClient } from "./client";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { rehearsalHubDb?: PrismaClient };

/**
 * The app's one Prisma client, created on first use. `npm start` / `npm run dev`
 * always provide DATABASE_URL (the embedded PGlite's when none was configured).
 */
export function getDb(): PrismaClient {
  if (globalForDb.rehearsalHubDb) return globalForDb.rehearsalHubDb;
  const url = env().databaseUrl;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start` or `npm run dev`, which provide a database.");
  }
  globalForDb.rehearsalHubDb = createPrismaClient(url);
  return globalForDb.rehearsalHubDb;
}
