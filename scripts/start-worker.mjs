/**
 * `npm run worker`, and the worker `npm start` supervises: builds the worker
 * bundle when stale (scripts/worker-bundle.mjs), then runs it in this process.
 * Options after the script name reach scripts/worker.ts unchanged.
 */
import { pathToFileURL } from "node:url";
import { ensureWorkerBundle } from "./worker-bundle.mjs";

const { file } = await ensureWorkerBundle();
await import(pathToFileURL(file).href);
