import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { descendantsOf, groupMembers } from "./processes";

const tsx = path.resolve("node_modules/.bin/tsx");

type Run = { code: number | null; output: string; seen: Map<number, number> };

/** Every process any run of this file saw, to be killed after a failed test (a broken shutdown must not leave them on the machine). */
const everSeen = new Map<number, number>();

/**
 * Runs `tsx <script>` as `npm run bench:*` does, in a process group of its own
 * like a terminal's foreground job (so SIGINT to the group is Ctrl-C), noting
 * every process descended from it and its group while it runs.
 */
function runBenchScript(script: string, args: string[], { interruptWhen, env = {} }: { interruptWhen?: RegExp; env?: Record<string, string> } = {}): Promise<Run> {
  const child = spawn(tsx, [script, ...args], { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BENCH_STOP_GRACE_MS: "1000", ...env } });
  const seen = new Map<number, number>();
  const note = () => {
    everSeen.set(child.pid!, child.pid!);
    for (const pid of descendantsOf(child.pid!)) if (!seen.has(pid)) {
      seen.set(pid, pgrpOf(pid));
      everSeen.set(pid, pgrpOf(pid));
    }
  };
  const sampler = setInterval(note, 20);
  let output = "";
  let interrupted = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (interruptWhen && !interrupted && interruptWhen.test(output)) {
      interrupted = true;
      note();
      process.kill(-child.pid!, "SIGINT");
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return new Promise((resolve) => {
    child.once("exit", (code) => {
      clearInterval(sampler);
      resolve({ code, output, seen });
    });
  });
}

function pgrpOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return -1;
  }
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

/** Every process the run started, and every member of every group they were in, that is still there. */
function leftBehind(run: Run): number[] {
  const groups = new Set([...run.seen.values()].filter((g) => g > 0));
  return [...new Set([...[...run.seen.keys()].filter(alive), ...[...groups].flatMap(groupMembers)])];
}

afterEach(() => {
  for (const pid of leftBehind({ code: null, output: "", seen: everSeen })) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  everSeen.clear();
});

describe("a benchmark's shutdown", () => {
  const stubborn = "bench/lib/test/stubborn-bench.ts";

  it("after its figures, stops a server that ignores SIGTERM (idle keep-alive open, a child of its own) and exits 0", async () => {
    const run = await runBenchScript(stubborn, ["end"]);
    expect(run.output).toContain("figures: ok");
    expect(run.output).toContain("still running 1000 ms after SIGTERM");
    expect(run.code).toBe(0);
    expect(run.seen.size).toBeGreaterThanOrEqual(3);
    expect(leftBehind(run)).toEqual([]);
  });

  it("when it fails half-way, stops everything and exits 1", async () => {
    const run = await runBenchScript(stubborn, ["fail"]);
    expect(run.output).toContain("failed half-way");
    expect(run.code).toBe(1);
    expect(leftBehind(run)).toEqual([]);
  });

  it("on Ctrl-C half-way, stops everything and exits 130", async () => {
    const run = await runBenchScript(stubborn, ["wait"], { interruptWhen: /figures: ok/ });
    expect(run.code).toBe(130);
    expect(run.seen.size).toBeGreaterThanOrEqual(3);
    expect(leftBehind(run)).toEqual([]);
  });
});
