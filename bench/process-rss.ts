import fs from "node:fs";
import { processTree } from "../src/test/process-files";

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
export function treeRssMiB(rootPid: number): number {
  let kib = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}
