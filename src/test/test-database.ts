import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/server/db/client";
import { startInMemoryPostgres } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrate";

export interface TestDatabase {
  url: string;
  db: PrismaClient;
  /** Disconnects the client and throws the database away. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * A fresh, migrated database for one integration test file: an in-memory
 * PGlite by default, or a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL (dropped again by close()).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url, close: dispose } = await createEmptyTestDatabase();
  try {
    await applyMigrations(url);
  } catch (error) {
    await dispose();
    throw error;
  }
  const db = createPrismaClient(url);
  return {
    url,
    db,
    async close() {
      await db.$disconnect();
      await dispose();
    },
  };
}

/** Like createTestDatabase, but with no migrations applied and no client. */
export async function createEmptyTestDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createServerDatabase(serverUrl);
  const server = await startInMemoryPostgres();
  return { url: server.url, close: server.stop };
}

async function createServerDatabase(serverUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const url = new URL(serverUrl);
  // Tests create and drop databases: never point them at a shared server.
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at this machine (localhost), not ${url.hostname}.`);
  }
  const databaseName = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    async close() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        // WITH (FORCE) (PostgreSQL 13+) also ends connections a failed test left open.
        await cleanup.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
