import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killLeftovers, leftBehind, runBenchScript } from "./test/run-bench-script";

const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

afterEach(killLeftovers);

describe("a benchmark's shutdown", () => {
  // Launched as the bench:* scripts launch a benchmark.
  const stubborn = (mode: string) => scripts["bench:upload"]!.replace("bench/upload-memory.ts", `bench/lib/test/stubborn-bench.ts ${mode}`);

  it("every bench:* script runs its benchmark in Node itself (a launcher in between could kill it before it has stopped what it started)", () => {
    const benches = Object.entries(scripts).filter(([name]) => name.startsWith("bench"));
    expect(benches.length).toBeGreaterThanOrEqual(6);
    for (const [, line] of benches) for (const step of line.split(" && ")) expect(step).toMatch(/^node --import tsx bench\/[\w-]+\.ts$/);
  });

  it("after its figures, stops a server that ignores SIGTERM (idle keep-alive open, a child of its own) and exits 0", async () => {
    const run = await runBenchScript(stubborn("end"));
    expect(run.output).toContain("figures: ok");
    expect(run.output).toContain("still running 1000 ms after SIGTERM");
    expect(run.code).toBe(0);
    expect(run.seen.size).toBeGreaterThanOrEqual(2); // the server and its child
    expect(leftBehind(run)).toEqual([]);
  });

  it("when it fails half-way, stops everything and exits 1", async () => {
    const run = await runBenchScript(stubborn("fail"));
    expect(run.output).toContain("failed half-way");
    expect(run.code).toBe(1);
    expect(leftBehind(run)).toEqual([]);
  });

  it("on Ctrl-C half-way, stops everything and exits 130", async () => {
    const run = await runBenchScript(stubborn("wait"), { interruptWhen: /figures: ok/ });
    expect(run.code).toBe(130);
    expect(run.seen.size).toBeGreaterThanOrEqual(2); // the server and its child
    expect(leftBehind(run)).toEqual([]);
  });

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`bench:upload, sent ${signal} once its database is up: the database stops and the command exits ${code}`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-bench-shutdown-"));
      try {
        const run = await runBenchScript(scripts["bench:upload"]!, { interruptWhen: /database ready/, signal, wholeGroup: false, env: { BENCH_QUICK: "1", TMPDIR: dir } });
        expect(run.output).toContain("database ready");
        expect(run.code).toBe(code);
        expect(run.seen.size).toBeGreaterThanOrEqual(2);
        expect(leftBehind(run)).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
