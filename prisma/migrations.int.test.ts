import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrationsList } from "@/server/db/migrate";
import { diffMigrationsToSchema } from "@/server/db/migration-diff";
import { createEmptyTestDatabase } from "@/test/test-database";

describe("prisma/migrations", () => {
  it("match prisma/schema.prisma (run `npm run db:migration:new -- <name>` if not)", async () => {
    const missingSql = await diffMigrationsToSchema();
    expect(missingSql, "SQL the schema needs beyond the migrations").toBe("");
  });

  describe("on a fresh database", () => {
    let database: { url: string; close(): Promise<void> };
    let client: pg.Client;

    beforeAll(async () => {
      database = await createEmptyTestDatabase();
      client = new pg.Client({ connectionString: database.url });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
      await database?.close();
    });

    it("apply every migration once, recorded in _prisma_migrations", async () => {
      const migrationNames = (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);
      expect(migrationNames.length).toBeGreaterThan(0);

      const first = await applyMigrations(database.url);
      expect(first.applied).toEqual(migrationNames);

      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(["User", "Band", "BandMember", "Song", "Version", "Comment", "_prisma_migrations"]),
      );
      const recorded = await client.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      );
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(migrationNames);
    });

    it("apply nothing the second time", async () => {
      const second = await applyMigrations(database.url);
      expect(second.applied).toEqual([]);
      const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations");
      expect(count.rows[0]?.n).toBe((await readMigrationsList()).migrationDirectories.length);
    });
  });
});
