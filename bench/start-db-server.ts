import { spawnGroup } from "./lib/processes";

/**
 * Starts bench/db-server.ts (an embedded PGlite served over the wire protocol)
 * on `dataDir` in its own process, so the database does not share the
 * benchmark's event loop; resolves with its URL once it is listening. It is
 * stopped with everything else the benchmark started (bench/lib/processes.ts).
 */
export function startDbServer(dataDir: string): Promise<string> {
  const child = spawnGroup("database", process.execPath, ["--import", "tsx", "bench/db-server.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`database exited early (${code})`)));
  });
}
