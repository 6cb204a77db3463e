/**
 * The benchmark's database in its own process (as `npm start` runs it beside
 * the app): embedded PGlite on the given data dir, migrated. Prints its URL as
 * one JSON line, then serves until SIGTERM.
 */
import { startEmbeddedPostgres } from "../src/server/db/embedded-postgres";
import { applyMigrations } from "../src/server/db/migrate";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: db-server.ts <dataDir>");
const db = await startEmbeddedPostgres({ dataDir });
await applyMigrations(db.url);
console.log(JSON.stringify({ url: db.url }));
const stop = () => void db.stop().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
