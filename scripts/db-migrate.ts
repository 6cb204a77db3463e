// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL, or,
// without one, to the embedded PGlite under DATA_DIR (default ./.data), which
// is what `npm start` uses. Stop the app first in that case: one process at a
// time may open the embedded data directory.
import path from "node:path";
import { startupEnv } from "@/env";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrate";

async function main(): Promise<void> {
  // The same configuration, read and checked the same way, as `npm start`.
  const { databaseUrl: configured, dataDir } = startupEnv();
  let databaseUrl = configured;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
    console.log(`Embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir) || "."}`);
  } else {
    const { hostname, port, pathname } = new URL(databaseUrl);
    console.log(`Database ${hostname}:${port || 5432}${pathname}`);
  }
  try {
    const { applied } = await applyMigrations(databaseUrl);
    if (applied.length === 0) console.log("No pending migrations: the database is up to date.");
    for (const name of applied) console.log(`Applied ${name}`);
  } finally {
    await stopEmbedded?.();
  }
}

main().catch((error: unknown) => {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
