// Authors the next migration from prisma/schema.prisma (what `prisma migrate dev
// --create-only` would do, without the native engine): the SQL is the diff from
// the existing migrations, replayed on a throw-away PGlite, to the schema.
// Usage: npm run db:migration:new -- <name>
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, MIGRATIONS_DIR } from "@/server/db/migrate";
import { diffMigrationsToSchema } from "@/server/db/migration-diff";

function migrationTimestamp(date: Date): string {
  // UTC, like Prisma's own names, so migrations sort the same on every machine.
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function slugify(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

async function main(): Promise<void> {
  const name = slugify(process.argv.slice(2).filter((arg) => arg !== "--").join("_"));
  if (!name) {
    console.error("Usage: npm run db:migration:new -- <name>");
    process.exit(2);
  }

  const sql = await diffMigrationsToSchema();
  if (sql === "") {
    console.log("No schema changes: prisma/schema.prisma matches prisma/migrations.");
    return;
  }

  const migrationsDir = path.resolve(MIGRATIONS_DIR);
  const migrationName = `${migrationTimestamp(new Date())}_${name}`;
  await mkdir(path.join(migrationsDir, migrationName), { recursive: true });
  await writeFile(path.join(migrationsDir, migrationName, "migration.sql"), sql, { flag: "wx" });

  const lockFile = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  const lockFileExists = await access(lockFile).then(() => true, () => false);
  if (!lockFileExists) await writeFile(lockFile, MIGRATION_LOCK_CONTENT);

  console.log(`Created ${path.join(MIGRATIONS_DIR, migrationName, "migration.sql")}`);
  console.log("Review it, then apply it with: npm run db:migrate");
}

await main();
