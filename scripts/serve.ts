/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running app.
 * Starts the embedded PostgreSQL (PGlite) when no DATABASE_URL is set, applies
 * pending migrations, builds when the sources changed since the last build,
 * then runs Next.js with the database URL and the persisted secret.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readOrCreateSecret, startupEnv } from "../src/env";
import { startEmbeddedPostgres } from "../src/server/db/embedded-postgres";
import { applyMigrations } from "../src/server/db/migrate";
import { ensureServiceWorkerBundle } from "./sw-bundle.mjs";
import { ensureWorkerBundle, WORKER_START_ARGS } from "./worker-bundle.mjs";

const dev = process.argv.includes("--dev");
const nextBin = path.resolve("node_modules/next/dist/bin/next");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildStampFile = path.resolve(distDir, "rehearsalhub-build-stamp");

function log(line: string) {
  console.log(`[rehearsalhub] ${line}`);
}

/** A fingerprint of everything that goes into a production build. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const roots = ["src", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    } else {
      hash.update(`${p}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  roots.forEach(walk);
  return hash.digest("hex");
}

function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const fingerprint = sourceFingerprint();
  const built = fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(buildStampFile) && fs.readFileSync(buildStampFile, "utf8") === fingerprint;
  if (built) return;
  log("building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (result.status !== 0) {
    log("the build failed; see above.");
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(buildStampFile, fingerprint);
}

async function main() {
  const { port, dataDir, appUrl, databaseUrl: configuredDatabaseUrl, authSecret, worker, shutdownGraceSeconds, trustProxy } = startupEnv();
  fs.mkdirSync(dataDir, { recursive: true });

  let databaseUrl = configuredDatabaseUrl;
  let stopDatabase: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir, log });
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
    log(`embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir) || "."}`);
  }

  const { applied } = await applyMigrations(databaseUrl, { log });
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    AUTH_SECRET: authSecret ?? readOrCreateSecret(dataDir),
  };

  // public/sw.js first: it is part of what a build is fingerprinted on.
  await ensureServiceWorkerBundle({ minify: !dev });
  if (!dev) buildIfNeeded(env);
  if (worker === "inline") await ensureWorkerBundle();

  // Served directly (no TRUST_PROXY): every request's forwarding headers are
  // replaced by its socket address before Next.js sees it, so no client picks
  // its own address for the per-client limits (scripts/socket-address.mjs).
  // `next dev` hands this on to the server process it forks.
  const preload = trustProxy ? [] : [`--import=${new URL("./socket-address-preload.mjs", import.meta.url).href}`];
  const child = spawn(process.execPath, [...preload, nextBin, dev ? "dev" : "start", "--port", String(port)], { stdio: "inherit", env });
  log(`serving on ${appUrl}`);
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));

  // SIGTERM/SIGINT: Next stops accepting connections and lets in-flight requests
  // finish (readiness answers 503 meanwhile); after the grace period whatever is
  // left is cut. Only then does the embedded database stop, so nothing in flight
  // loses it. A requested stop exits 0.
  let stopping = false;
  const workers = worker === "inline" ? superviseWorker(env, () => stopping) : null;
  if (!workers) log("WORKER=off: takes are processed by `npm run worker` processes");

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests (up to ${shutdownGraceSeconds} s)…`);
    child.kill("SIGTERM");
    // The media worker finishes (or hands back) its take meanwhile.
    const workerStopped = workers?.stop();
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([exited.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), shutdownGraceSeconds * 1000)))]);
    clearTimeout(timer);
    if (!inTime) {
      log("grace period over: stopping the server with requests still open");
      child.kill("SIGKILL");
      await exited;
    }
    await workerStopped;
    await stopDatabase?.();
    log("stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
  // The server ended by itself (a crash, a failed start): stop too, with its code.
  void exited.then(async (code) => {
    if (stopping) return;
    stopping = true;
    await workers?.stop();
    await stopDatabase?.();
    process.exit(code);
  });
}

/**
 * The media worker (scripts/worker.ts, what `npm run worker` runs) as a child
 * of this process rather than inside Next's server: ffmpeg work and its memory
 * stay out of the web process, a crash there cannot take the site down (it is
 * restarted), and there is one worker code path for both ways of running it.
 * It runs from its bundle (scripts/worker-bundle.mjs), built first when
 * stale (main), so that a broken build stops the start with esbuild's message.
 */
function superviseWorker(env: NodeJS.ProcessEnv, isStopping: () => boolean) {
  let current: ReturnType<typeof spawn> | null = null;
  const start = () => {
    current = spawn(process.execPath, WORKER_START_ARGS, { stdio: "inherit", env });
    current.on("exit", (code, signal) => {
      if (isStopping()) return;
      log(`the media worker exited (${signal ?? code}); restarting it in 5 s`);
      setTimeout(() => !isStopping() && start(), 5_000).unref();
    });
  };
  start();
  return {
    async stop() {
      const child = current;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      // Its grace period for a running take is 20 s; never wait forever.
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

main().catch((error: unknown) => {
  console.error("[rehearsalhub] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
