import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type { SchemaEngine };

export const SCHEMA_PATH = path.join("prisma", "schema.prisma");

// The package's own entry point imports the .wasm as an ES module, which Node
// only does behind a flag; so we compile and wire the module ourselves. The
// instance holds global state inside the bindings module, hence once per process.
let wasmReady: Promise<void> | undefined;

function loadSchemaEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    // The .wasm file is not in the package's "exports"; it sits next to the bindings.
    const bindingsFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm"));
    const wasmModule = new WebAssembly.Module(wasmBytes);
    const instance = new WebAssembly.Instance(wasmModule, {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })().catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

export async function readSchemaFiles(projectRoot = process.cwd()): Promise<SchemasContainer> {
  const content = await readFile(path.join(projectRoot, SCHEMA_PATH), "utf8");
  return { files: [{ path: SCHEMA_PATH, content }] };
}

/**
 * Starts a schema engine that talks to the database behind `adapterFactory`.
 * Call `engine.free()` when done; the adapter's connections are the caller's to close.
 */
export async function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options: { schema?: SchemasContainer; log?: (line: string) => void } = {},
): Promise<SchemaEngine> {
  await loadSchemaEngineWasm();
  const schema = options.schema ?? (await readSchemaFiles());
  const log = options.log ?? (() => {});
  // The engine reports tracing events as JSON strings; pass them through untouched.
  const logCallback = (line: string) => log(line);
  return engineBindings.SchemaEngine.new(
    { datamodels: schema.files.map((file) => [file.path, file.content] as [string, string]) },
    logCallback,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
