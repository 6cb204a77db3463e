import fs from "node:fs";
import path from "node:path";

/** Pids of a process and all its descendants (Linux /proc). */
export function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited while we looked
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parents) if (ppid === pids[i]) pids.push(pid);
  return pids;
}

/** Open file descriptors of a process tree that point at files under `dir` (or at exactly that file). */
export function openFilesUnder(rootPid: number, dir: string): string[] {
  const target = path.resolve(dir);
  const open: string[] = [];
  for (const pid of processTree(rootPid)) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link === target || link.startsWith(target + path.sep)) open.push(link);
      } catch {
        // closed while we looked
      }
    }
  }
  return open;
}
