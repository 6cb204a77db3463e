import { spawn } from "node:child_process";
import os from "node:os";

/** Lowest CPU priority: processing yields to the web server on a shared machine. */
const LOW_PRIORITY = 19;
/** ffmpeg's log is kept only as a tail: enough for its last error and the loudness summary. */
const STDERR_TAIL_BYTES = 32 * 1024;
/** ffprobe's JSON for one audio file is a few KB; anything far beyond is refused. */
const STDOUT_CAP_BYTES = 1024 * 1024;

export class ToolError extends Error {
  constructor(
    message: string,
    readonly kind: "failed" | "timeout" | "aborted",
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = "ToolError";
  }
}

export type RunOptions = {
  /** Killed (SIGKILL) when it runs longer. */
  timeLimitMs: number;
  /** Each stdout chunk as it comes (constant memory); without it stdout is collected (capped). */
  onStdout?: (chunk: Buffer) => void;
  signal?: AbortSignal;
};

/**
 * Runs ffmpeg/ffprobe as a child process: no shell, stdin closed, lowest
 * priority, a hard time limit, stderr kept only as a bounded tail and stdout
 * either streamed to the caller or capped. Resolves with stdout (when
 * collected) and the stderr tail; rejects with a ToolError.
 */
export function runTool(file: string, args: string[], options: RunOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ToolError("stopped before it started", "aborted", ""));
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    try {
      if (child.pid) os.setPriority(child.pid, LOW_PRIORITY);
    } catch {
      // Not permitted here: it still runs, at normal priority.
    }
    let stderr = "";
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let ending: ToolError | null = null;
    const kill = (error: ToolError) => {
      ending ??= error;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(new ToolError(`took longer than ${Math.round(options.timeLimitMs / 1000)} s`, "timeout", stderr)), options.timeLimitMs);
    const onAbort = () => kill(new ToolError("stopped", "aborted", stderr));
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
      if (stderr.length > STDERR_TAIL_BYTES * 2) stderr = stderr.slice(-STDERR_TAIL_BYTES);
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (options.onStdout) {
        try {
          options.onStdout(chunk);
        } catch (error) {
          kill(new ToolError(error instanceof Error ? error.message : String(error), "failed", stderr));
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > STDOUT_CAP_BYTES) return kill(new ToolError("wrote more output than expected", "failed", stderr));
      stdout.push(chunk);
    });
    child.on("error", (error) => {
      ending ??= new ToolError(`could not start: ${error.message}`, "failed", "");
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      const tail = stderr.slice(-STDERR_TAIL_BYTES);
      if (ending) return reject(Object.assign(ending, { stderrTail: tail }));
      if (code !== 0) return reject(new ToolError(`exited with code ${code}`, "failed", tail));
      resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr: tail });
    });
  });
}

/** ffmpeg's last error line, without file paths (they are the server's, not the user's). */
export function lastErrorLine(stderrTail: string, paths: string[]): string {
  const lines = stderrTail.split("\n").map((l) => l.trim()).filter(Boolean);
  let line = lines.at(-1) ?? "";
  for (const p of paths) line = line.split(`file:${p}`).join("the file").split(p).join("the file");
  return line.replace(/\[[a-z0-9_]+ @ 0x[0-9a-f]+\]\s*/gi, "").slice(0, 200);
}
