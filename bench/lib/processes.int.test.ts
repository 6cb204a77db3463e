import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { descendantsOf, groupMembers } from "./processes";

const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

type Run = { code: number | null; output: string; seen: Map<number, number> };

/** Every process any run of this file saw, to be killed after a failed test (a broken shutdown must not leave them on the machine). */
const everSeen = new Map<number, number>();

/**
 * Runs a command line (a `bench:*` script of package.json) in a process group
 * of its own like a terminal's foreground job (so SIGINT to the group is
 * Ctrl-C), noting every process descended from it and its group while it runs.
 */
function runBenchScript(
  commandLine: string,
  { interruptWhen, signal = "SIGINT", wholeGroup = true, env = {} }: { interruptWhen?: RegExp; signal?: NodeJS.Signals; wholeGroup?: boolean; env?: Record<string, string> } = {},
): Promise<Run> {
  const [command, ...args] = commandLine.split(" ");
  const child = spawn(command!, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BENCH_STOP_GRACE_MS: "1000", ...env } });
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
      // The whole group: Ctrl-C in a terminal; the launcher alone: `kill <pid>`, a supervisor, an IDE's stop button.
      process.kill(wholeGroup ? -child.pid! : child.pid!, signal);
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
function leftBehindPids(run: Run): number[] {
  const groups = new Set([...run.seen.values()].filter((g) => g > 0));
  return [...new Set([...[...run.seen.keys()].filter(alive), ...[...groups].flatMap(groupMembers)])];
}

/** The same, described (pid and command line), for a readable failure. */
function leftBehind(run: Run): string[] {
  return leftBehindPids(run).map((pid) => {
    try {
      return `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").slice(0, 200)}`;
    } catch {
      return `${pid}`;
    }
  });
}

afterEach(() => {
  for (const pid of leftBehindPids({ code: null, output: "", seen: everSeen })) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  everSeen.clear();
});

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
