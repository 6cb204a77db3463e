import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's native schema engine is a separate download that is not available
// everywhere; this project applies migrations with the engine's WebAssembly
// build instead (scripts/db-migrate.ts). Stray native-engine commands stop here
// with the project's own command, and `prisma generate` needs no download.
const [command, subcommand] = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
if (command === "migrate" || (command === "db" && subcommand !== "execute")) {
  console.error(
    `\n'prisma ${[command, subcommand].filter(Boolean).join(" ")}' is not used in RehearsalHub.\n` +
      "  npm run db:migrate                 apply pending migrations (also runs on npm start / npm run dev)\n" +
      "  npm run db:migration:new -- <name> author the next migration from prisma/schema.prisma\n",
  );
  process.exit(1);
}
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma-schema-engine-stub.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
