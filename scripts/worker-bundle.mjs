/**
 * The media worker (scripts/worker.ts and what it imports) as one JavaScript
 * file made by esbuild, so the worker process starts without tsx compiling
 * TypeScript in it, and how that process is started.
 *
 * ensureWorkerBundle() builds the bundle when it is missing or stale: its
 * stamp lists every file that went into it with its size and modification
 * time, plus package-lock.json, tsconfig.json, this file and the build
 * options. A check is a few dozen stat calls; a build takes about a second.
 * Concurrent starts each write a temp file and rename it, so a reader never
 * sees half a bundle.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Node flags of every worker process (`npm run worker` in package.json says
 * the same; a test holds them equal).
 * - `--max-semi-space-size=1`: a small young generation. The worker streams
 *   hundreds of MB through short-lived 64 KB buffers; V8's default semi-space
 *   lets ~40 MB of them pile up before a scavenge (idle and peak RSS ~20 MB
 *   lower, for slightly more frequent minor GCs).
 * - `--liftoff-only`: WebAssembly (Prisma's query compiler) compiled by V8's
 *   baseline compiler only. By default V8 also compiles the module with its
 *   optimizing compiler, which held ~50 MB of machine code in the worker; the
 *   worker runs a few queries a take, and they were no slower.
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=1", "--liftoff-only"];

/** What runs a worker: `node <these> [worker options]`. */
export const WORKER_START_ARGS = [...WORKER_NODE_FLAGS, path.join(projectRoot, "scripts", "start-worker.mjs")];

/**
 * The music analysis runs in a child process of the worker (its WebAssembly
 * heap is returned when a take is done, and a crash ends only the child): a
 * bundle of its own, next to the worker's, built and checked with it.
 */
export const ANALYSIS_CHILD_PROJECT = { entry: "src/features/analysis/analysis-child.ts" };

/** Files outside the bundle's inputs that change what it would be. */
const ALWAYS_CHECKED = ["package-lock.json", "tsconfig.json", "scripts/worker-bundle.mjs"];

/** esbuild's options; part of the stamp, so changing them rebuilds. */
function buildOptions(root, entry, outFile) {
  return {
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    tsconfig: path.join(root, "tsconfig.json"),
    bundle: true,
    platform: "node",
    target: "node20.9",
    format: "esm",
    // Dependencies stay in node_modules and load as they always do (pino, pg,
    // pg-boss, Prisma's runtime, the AWS SDK): only the project's own
    // TypeScript is compiled ahead of time. No source map and no minifying:
    // stack traces name the bundle's lines and the project's function names.
    packages: "external",
    logLevel: "warning",
    metafile: true,
    write: false,
    outfile: outFile,
  };
}

function fileState(root, relative) {
  try {
    const stat = fs.statSync(path.join(root, relative));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/** Where a bundle goes and what its stamp must say. The defaults are the worker's; tests pass their own project. */
function target({ root = projectRoot, entry = "scripts/worker.ts", outDir = path.join(root, "node_modules", ".cache", "rehearsalhub-worker") } = {}) {
  const file = path.join(outDir, `${path.basename(entry, path.extname(entry))}.mjs`);
  const options = buildOptions(root, entry, file);
  return { root, outDir, file, stampFile: `${file}.stamp.json`, options, digest: createHash("sha256").update(JSON.stringify(options)).digest("hex") };
}

/** The bundle's path when it is up to date (the worker's: with its analysis child's), else null. Needs no esbuild. */
export function freshWorkerBundle(project) {
  if (!project && !freshWorkerBundle(ANALYSIS_CHILD_PROJECT)) return null;
  const { root, file, stampFile, digest } = target(project);
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, "utf8"));
    const fresh = stamp.options === digest && fs.existsSync(file) && Object.entries(stamp.files).every(([input, state]) => fileState(root, input) === state);
    return fresh ? file : null;
  } catch {
    return null; // no stamp yet
  }
}

/** Builds the bundle unless it is up to date (the worker's: with its analysis child's). */
export async function ensureWorkerBundle(project) {
  if (!project) await ensureWorkerBundle(ANALYSIS_CHILD_PROJECT);
  const fresh = freshWorkerBundle(project);
  if (fresh) return { file: fresh, built: false };
  const { root, outDir, file, stampFile, options, digest } = target(project);
  // Loaded only when a build is needed, and its service process stopped after it.
  const esbuild = await import("esbuild");
  const result = await esbuild.build(options).finally(() => esbuild.stop());
  const files = {};
  for (const input of [...Object.keys(result.metafile.inputs), ...ALWAYS_CHECKED]) files[input] = fileState(root, input);
  fs.mkdirSync(outDir, { recursive: true });
  writeAtomically(file, result.outputFiles[0].contents);
  writeAtomically(stampFile, JSON.stringify({ options: digest, files }));
  return { file, built: true };
}

// `node scripts/worker-bundle.mjs`: build it now (start-worker.mjs does so in
// a child process, so that the worker never holds esbuild's ~12 MB).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await ensureWorkerBundle();
