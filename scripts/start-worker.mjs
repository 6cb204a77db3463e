/**
 * `npm run worker`, and the worker `npm start` supervises: runs the worker
 * bundle (scripts/worker-bundle.mjs) in this process, built first when stale
 * by a short-lived child process, so that this one never loads esbuild.
 * Options after the script name reach scripts/worker.ts unchanged.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshWorkerBundle } from "./worker-bundle.mjs";

let file = freshWorkerBundle();
if (!file) {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL("worker-bundle.mjs", import.meta.url))], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
  file = freshWorkerBundle();
  if (!file) throw new Error("the worker bundle is still stale after building it");
}
await import(pathToFileURL(file).href);
