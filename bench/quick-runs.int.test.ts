import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { killLeftovers, leftBehind, runBenchScript } from "./lib/test/run-bench-script";

/**
 * Every benchmark, run as `npm run bench:<name>` runs it, on its tiny
 * configuration: it prints its figures, exits 0 and leaves no process it
 * started (app servers, the embedded database, nginx, s3rver, Chromium, ffmpeg).
 * These start production builds, so they run once, in the `bench` project,
 * after the integration suite.
 */
const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

afterEach(killLeftovers);

describe("each benchmark on its quick configuration", () => {
  // Ports far from the browser tests' and the other benchmarks' defaults.
  const benches = [
    ["bench:upload", 3610],
    ["bench:pipeline", 3620],
    ["bench:offload", 3630],
    ["bench:phone", 3650],
    ["bench:stream", 3660],
  ] as const;

  it("covers every bench:* script", () => {
    const named = Object.keys(scripts).filter((name) => name.startsWith("bench:"));
    expect(named.sort()).toEqual(benches.map(([name]) => name).sort());
  });

  for (const [name, port] of benches) {
    it(`npm run ${name} prints its figures, exits 0 and leaves no process behind`, { timeout: 15 * 60_000 }, async () => {
      const run = await runBenchScript(scripts[name]!, {
        // As a person runs it: not under the test runner's NODE_ENV (the build it makes is the one `npm start` serves).
        env: { BENCH_QUICK: "1", BENCH_PORT: String(port), NODE_ENV: undefined },
      });
      expect(run.code, run.output.slice(-3000)).toBe(0);
      // A table of figures: a header row and its separator.
      expect(run.output).toMatch(/^\|.*\|\n\|[-:|]+\|$/m);
      expect(run.seen.size).toBeGreaterThanOrEqual(1);
      expect(leftBehind(run)).toEqual([]);
    });
  }
});
