/**
 * `npm run worker`: the media workers without the web server, for setups that
 * run them apart (several web instances, a bigger box for ffmpeg). `npm start`
 * runs this same script as its child unless WORKER=off.
 *
 * The database is DATABASE_URL, or the embedded one a running `npm start`
 * serves from DATA_DIR. SIGTERM/SIGINT stop cleanly: no new jobs; the current
 * one finishes within a grace period or is handed back to the queue (retried).
 */
import fs from "node:fs";
import path from "node:path";
import { env } from "../src/env";
import { createPrismaClient } from "../src/server/db/client";
import { startWorker } from "../src/compose/worker-jobs";
import { log } from "../src/server/log";
import { getStorage } from "../src/server/storage";

function databaseUrl(): string {
  const configured = env().databaseUrl;
  if (configured) return configured;
  const urlFile = path.join(env().dataDir, "pglite.url");
  if (fs.existsSync(urlFile)) return fs.readFileSync(urlFile, "utf8").trim();
  throw new Error("No database: set DATABASE_URL, or start the app (npm start) so its embedded database is running.");
}

async function main() {
  const url = databaseUrl();
  const db = createPrismaClient(url);
  const worker = await startWorker({
    databaseUrl: url,
    db,
    storage: getStorage(),
    concurrency: env().workerConcurrency,
    // Tests shorten these to see a killed worker's job come back quickly.
    maintenanceIntervalSeconds: numberArg("--maintenance-seconds"),
    pollingIntervalSeconds: numberArg("--poll-seconds"),
  });
  log().info({ concurrency: env().workerConcurrency }, "media worker started");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log().info({ signal }, "media worker stopping");
    await worker.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function numberArg(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

main().catch((error: unknown) => {
  log().fatal({ err: error }, "the media worker could not start");
  process.exit(1);
});
