/**
 * What every benchmark starts, and how it all stops. A benchmark runs its body
 * with `runBench`; it starts servers and tools with `spawnGroup` (each in a
 * process group of its own, so whatever they start in turn is stopped with
 * them) and registers anything else that must be let go with `onStop`. On a
 * normal end, on an error and on SIGINT/SIGTERM alike, `runBench` closes what
 * was registered, stops each group (SIGTERM, then SIGKILL after a grace
 * period), then any other process still descended from the benchmark, waits
 * until they are gone and exits with the benchmark's status: 0, 1 on an error,
 * 130 / 143 on SIGINT / SIGTERM. No wait is unbounded: a server that ignores
 * SIGTERM, or holds an idle keep-alive connection open, is killed.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";

/** How long a process group has to stop after SIGTERM before it gets SIGKILL. */
const GRACE_MS = Number(process.env.BENCH_STOP_GRACE_MS ?? 5_000);

type Group = { name: string; child: ChildProcess };
const groups: Group[] = [];
const closers: { name: string; close: () => Promise<unknown> | unknown }[] = [];
let stopping = false;

/** Whether a benchmark should run its tiny configuration (a smoke run, seconds not minutes). */
export const quick = process.env.BENCH_QUICK === "1" || process.argv.includes("--quick");

/**
 * Starts `command` in a process group of its own (it and everything it starts
 * are stopped together, in the reverse order of starting) and registers it.
 */
export function spawnGroup(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  if (stopping) throw new Error(`not starting ${name}: the benchmark is stopping`);
  const child = spawn(command, args, { ...options, detached: true });
  groups.push({ name, child });
  return child;
}

/** Something to let go before the processes are stopped (a browser, a client, a server in this process). */
export function onStop(name: string, close: () => Promise<unknown> | unknown): void {
  closers.push({ name, close });
}

/** Runs a command to its end without blocking the event loop (so Ctrl-C is handled meanwhile); throws unless it exits 0. */
export function runToEnd(name: string, command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const child = spawnGroup(name, command, args, { stdio: ["ignore", "ignore", "inherit"], ...options });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${signal ?? code}`))));
  });
}

/** Process ids (alive, not zombies) whose process group is `pgid`. Linux /proc. */
export function groupMembers(pgid: number): number[] {
  return scan().filter((p) => p.pgrp === pgid).map((p) => p.pid);
}

/** Process ids (alive, not zombies) descended from `root`, `root` excluded. */
export function descendantsOf(root: number): number[] {
  const all = scan();
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const p of all) if (p.ppid === found[i] && !found.includes(p.pid)) found.push(p.pid);
  return found.slice(1);
}

function scan(): { pid: number; ppid: number; pgrp: number }[] {
  const out: { pid: number; ppid: number; pgrp: number }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z" || state === "X") continue;
      out.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

function signal(target: number, sig: NodeJS.Signals) {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function withDeadline(name: string, work: () => Promise<unknown> | unknown, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
  try {
    const outcome = await Promise.race([Promise.resolve().then(work), timedOut]);
    if (outcome === "late") console.error(`[bench] ${name} did not close within ${ms} ms; going on`);
  } catch (error) {
    console.error(`[bench] closing ${name} failed:`, error instanceof Error ? error.message : error);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops everything registered and everything descended from this process; resolves once it is all gone. */
export async function stopEverything(): Promise<void> {
  stopping = true;
  for (const { name, close } of closers.splice(0).reverse()) await withDeadline(name, close, GRACE_MS);
  // Last started first: an app stops while its database is still there.
  for (const { name, child } of [...groups].reverse()) {
    const pgid = child.pid;
    if (pgid === undefined || groupMembers(pgid).length === 0) continue;
    signal(-pgid, "SIGTERM");
    if (await until(() => groupMembers(pgid).length === 0, GRACE_MS)) continue;
    console.error(`[bench] ${name} still running ${GRACE_MS} ms after SIGTERM: killing it`);
    signal(-pgid, "SIGKILL");
    await until(() => groupMembers(pgid).length === 0, GRACE_MS);
  }
  // Whatever a helper started without a group of its own.
  const strays = descendantsOf(process.pid);
  if (strays.length === 0) return;
  for (const pid of strays) signal(pid, "SIGTERM");
  if (await until(() => strays.every((pid) => !isAlive(pid)), GRACE_MS)) return;
  for (const pid of strays) signal(pid, "SIGKILL");
  await until(() => strays.every((pid) => !isAlive(pid)), GRACE_MS);
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

/**
 * Runs a benchmark's body, then stops everything and exits with its status.
 * Another SIGINT/SIGTERM a second or more later, while stopping, kills every group at once.
 */
export function runBench(main: () => Promise<void>): void {
  let exiting = false;
  let firstSignalAt = 0;
  const finish = async (code: number) => {
    if (exiting) return;
    exiting = true;
    await stopEverything().catch((error: unknown) => console.error("[bench] stopping failed:", error));
    process.exit(code);
  };
  const onSignal = (sig: NodeJS.Signals, code: number) => {
    // The same Ctrl-C may arrive twice (from the terminal and relayed by a launcher): only a later one means "now".
    if (exiting && firstSignalAt && Date.now() - firstSignalAt > 1_000) {
      for (const { child } of groups) if (child.pid) signal(-child.pid, "SIGKILL");
      process.exit(code);
    }
    if (exiting) return;
    firstSignalAt = Date.now();
    console.error(`[bench] ${sig}: stopping what the benchmark started…`);
    void finish(code);
  };
  process.on("SIGINT", () => onSignal("SIGINT", 130));
  process.on("SIGTERM", () => onSignal("SIGTERM", 143));
  process.on("uncaughtException", (error) => {
    console.error("[bench] failed:", error);
    void finish(1);
  });
  main().then(
    () => finish(0),
    (error: unknown) => {
      console.error("[bench] failed:", error);
      return finish(1);
    },
  );
}
