import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { NO_SCHEMA_FILTER, readMigrationsList } from "./migrate";
import { createSchemaEngine, readSchemaFiles } from "./schema-engine";

// Only scripts and tests import this module: pglite-prisma-adapter is a
// devDependency. Diffing needs to introspect a database, which fails through
// adapter-pg ("Column type 'char' could not be deserialized") but works through
// this adapter on a throw-away in-memory PGlite.

/**
 * Returns the SQL that would bring a database built from prisma/migrations up
 * to prisma/schema.prisma; an empty string means they agree.
 */
export async function diffMigrationsToSchema(
  options: { projectRoot?: string; log?: (line: string) => void } = {},
): Promise<string> {
  const [migrationsList, schema] = await Promise.all([
    readMigrationsList(options.projectRoot),
    readSchemaFiles(options.projectRoot),
  ]);
  // The engine replays the migrations on the adapter's shadow database (another
  // in-memory PGlite), so this instance stays empty and only anchors the adapter.
  const anchor = await PGlite.create();
  try {
    const engine = await createSchemaEngine(new PrismaPGlite(anchor), { schema, log: options.log });
    try {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", ...schema },
        script: true,
        exitCode: null,
        filters: NO_SCHEMA_FILTER,
      });
      return normalizeDiffScript(result.stdout ?? "");
    } finally {
      engine.free();
    }
  } finally {
    await anchor.close();
  }
}

// An empty diff script still carries a comment line; treat it as no changes.
function normalizeDiffScript(script: string): string {
  const hasStatements = script
    .split("\n")
    .some((line) => line.trim() !== "" && !line.trim().startsWith("--"));
  return hasStatements ? script.trimEnd() + "\n" : "";
}
