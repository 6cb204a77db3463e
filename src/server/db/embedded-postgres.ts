import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { EMBEDDED_APPLICATION_NAME } from "./pool-size";

/**
 * PGlite is a single PostgreSQL backend; pglite-socket multiplexes every
 * client connection onto it, one protocol message at a time, and gives the
 * whole backend to a connection for as long as it has a transaction open.
 * More connections therefore add no throughput, only queueing. The limit just
 * has to cover every pool that may be open at once (the app's, a migration
 * run, a test's extra client): a connection beyond it is refused.
 */
export const EMBEDDED_MAX_CONNECTIONS = 32;

export interface EmbeddedPostgres {
  /** postgres:// URL for `pg` / `@prisma/adapter-pg`. */
  url: string;
  /** Closes the socket server, then PGlite, so everything is flushed to disk. */
  stop(): Promise<void>;
}

interface ServeOptions {
  port?: number;
  log?: (line: string) => void;
}

/**
 * Starts PostgreSQL (PGlite) with its data under `<dataDir>/pglite`, served on
 * 127.0.0.1 so the app uses the same `pg` path as with a real server.
 */
export async function startEmbeddedPostgres(
  options: { dataDir: string } & ServeOptions,
): Promise<EmbeddedPostgres> {
  const pgliteDir = path.resolve(options.dataDir, "pglite");
  await mkdir(pgliteDir, { recursive: true });
  const releaseLock = await lockDataDir(pgliteDir);
  try {
    const db = await PGlite.create(pgliteDir);
    return await serve(db, options, releaseLock, `${pgliteDir}.url`);
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/** Same as startEmbeddedPostgres, but nothing touches the disk: for tests. */
export async function startInMemoryPostgres(options: ServeOptions = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create();
  return serve(db, options, async () => {});
}

async function serve(
  db: PGlite,
  options: ServeOptions,
  releaseLock: () => Promise<void>,
  /** Where tools (psql, the browser tests' fixtures) find a running on-disk database. */
  urlFile?: string,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const host = "127.0.0.1";
  const server = new PGLiteSocketServer({
    db: keepExtendedQueriesTogether(db),
    host,
    port: options.port ?? 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // With port 0 the OS picks a free port; the server reports the real one.
  const port = Number(server.getServerConn().split(":").pop());
  const url = `postgresql://postgres:postgres@${host}:${port}/postgres?application_name=${EMBEDDED_APPLICATION_NAME}`;
  log(`Embedded PostgreSQL (PGlite) listening on ${host}:${port}`);
  if (urlFile) await writeFile(urlFile, url + "\n");

  let stopped: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopped ??= (async () => {
        if (urlFile) await rm(urlFile, { force: true });
        await server.stop();
        await db.close();
        await releaseLock();
        log("Embedded PostgreSQL stopped");
      })();
      return stopped;
    },
  };
}

// Extended-protocol message types that leave a Parse/Bind/Execute batch open;
// Sync ("S"), a simple Query ("Q") or Terminate ("X") end it.
const BATCH_CONTINUES = new Set(["P", "B", "D", "E", "C", "H"].map((type) => type.charCodeAt(0)));

/**
 * pglite-socket 0.2 hands the single backend to whichever connection's message
 * is next in its queue, unless a transaction block (BEGIN) is open. Between a
 * client's Parse and its Sync, another connection's Parse can therefore slip in
 * and replace the unnamed statement: the first client then binds to the wrong
 * statement (reproduced: an error at best, another query's rows at worst). The
 * queue already keeps the backend for one connection while
 * `isInTransaction()` is true, so report "in a transaction" until the batch
 * that connection started is synced.
 */
function keepExtendedQueriesTogether(db: PGlite): PGlite {
  let batchOpen = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === "isInTransaction") return () => batchOpen || target.isInTransaction();
      if (property === "execProtocolRawStream") {
        return (message: Uint8Array, ...rest: unknown[]) => {
          batchOpen = BATCH_CONTINUES.has(message[0] ?? 0);
          return (target.execProtocolRawStream as (...args: unknown[]) => unknown)(message, ...rest);
        };
      }
      if (property === "exec") {
        // Only used by the queue to roll back after a client vanished mid-batch.
        return (...args: Parameters<PGlite["exec"]>) => {
          batchOpen = false;
          return target.exec(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields, so they must run on the real instance.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Two PGlite instances on one data directory corrupt it (there is no
 * postmaster.pid check as in real PostgreSQL), e.g. `npm run db:migrate` while
 * the app is running. A pid file turns that into a clear error.
 */
async function lockDataDir(pgliteDir: string): Promise<() => Promise<void>> {
  const lockFile = `${pgliteDir}.lock`;
  const takeLock = () => writeFile(lockFile, String(process.pid), { flag: "wx" });
  try {
    await takeLock();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number(await readFile(lockFile, "utf8").catch(() => ""));
    if (owner && owner !== process.pid && isProcessAlive(owner)) {
      throw new Error(
        `The embedded database in ${path.dirname(pgliteDir)} is in use by process ${owner}. ` +
          "Stop it first, or set DATABASE_URL to use that server.",
      );
    }
    if (owner === process.pid) {
      throw new Error(`The embedded database in ${path.dirname(pgliteDir)} is already open in this process.`);
    }
    // Left behind by a process that died; the data itself is PGlite's to recover.
    await rm(lockFile, { force: true });
    await takeLock();
  }
  return () => rm(lockFile, { force: true });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
