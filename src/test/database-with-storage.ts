import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { resetEnvForTests } from "@/env";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * For a test file whose takes need real files: a fresh database and a temporary
 * STORAGE_DIR, made before its tests and thrown away after them.
 */
export function databaseWithStorage(prefix: string): { readonly db: PrismaClient; readonly url: string; readonly storageDir: string } {
  let t: TestDatabase | undefined;
  let storageDir = "";
  beforeAll(async () => {
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    process.env.STORAGE_DIR = storageDir;
    resetEnvForTests();
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!t) throw new Error("The test database is made in beforeAll: use it inside a test.");
      return t.db;
    },
    get url() {
      if (!t) throw new Error("The test database is made in beforeAll: use it inside a test.");
      return t.url;
    },
    get storageDir() {
      return storageDir;
    },
  };
}
