/**
 * The service worker (src/sw/sw.ts and what it imports, serwist included) as
 * one script at public/sw.js, so Next.js serves it from the site's root and
 * its scope is the whole app. Next's Turbopack build has no hook for a service
 * worker (serwist's Next.js plugin is a webpack plugin), so esbuild makes it,
 * as it makes the media worker's bundle. The file is written only when its
 * contents change: `npm start` rebuilds the app when anything under public/ changes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
export const SERVICE_WORKER_FILE = path.join(projectRoot, "public", "sw.js");

/** Builds public/sw.js; returns whether the file changed. */
export async function ensureServiceWorkerBundle({ minify = true } = {}) {
  const esbuild = await import("esbuild");
  const result = await esbuild
    .build({
      entryPoints: [path.join(projectRoot, "src", "sw", "sw.ts")],
      absWorkingDir: projectRoot,
      tsconfig: path.join(projectRoot, "tsconfig.json"),
      bundle: true,
      platform: "browser",
      target: "es2022",
      format: "esm",
      minify,
      legalComments: "inline",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      logLevel: "warning",
      write: false,
      outfile: SERVICE_WORKER_FILE,
    })
    .finally(() => esbuild.stop());
  const contents = Buffer.from(result.outputFiles[0].contents);
  const current = fs.existsSync(SERVICE_WORKER_FILE) ? fs.readFileSync(SERVICE_WORKER_FILE) : null;
  if (current && current.equals(contents)) return { file: SERVICE_WORKER_FILE, changed: false };
  const temp = `${SERVICE_WORKER_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, SERVICE_WORKER_FILE);
  return { file: SERVICE_WORKER_FILE, changed: true };
}

// `node scripts/sw-bundle.mjs` (run by `npm run build`): build it now.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await ensureServiceWorkerBundle();
