/**
 * Runs a `bench:*` command line the way a terminal runs a foreground job and
 * notes every process it starts, so a test can say what it left behind. Linux /proc.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { descendantsOf, groupMembers } from "../processes";

export type Run = { code: number | null; output: string; seen: Map<number, number> };

/** Every process any run of this file saw, to be killed after a failed test (a broken shutdown must not leave them on the machine). */
const everSeen = new Map<number, number>();

/**
 * Runs a command line (a `bench:*` script of package.json) in a process group
 * of its own like a terminal's foreground job (so SIGINT to the group is
 * Ctrl-C), noting every process descended from it and its group while it runs.
 */
export function runBenchScript(
  commandLine: string,
  { interruptWhen, signal = "SIGINT", wholeGroup = true, env = {} }: { interruptWhen?: RegExp; signal?: NodeJS.Signals; wholeGroup?: boolean; env?: Record<string, string | undefined> } = {},
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
export function leftBehind(run: Run): string[] {
  return leftBehindPids(run).map((pid) => {
    try {
      return `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").slice(0, 200)}`;
    } catch {
      return `${pid}`;
    }
  });
}

/** After a test: kills whatever any run of it left (a broken shutdown must not leave processes on the machine). */
export function killLeftovers(): void {
  for (const pid of leftBehindPids({ code: null, output: "", seen: everSeen })) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  everSeen.clear();
}
