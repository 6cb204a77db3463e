import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { runTool, ToolError } from "@/server/media/run-tool";
import { analyseAudioFile, type AnalyseFileOptions } from "./analyse-audio-file";
import { musicAnalysisSchema } from "./analysis.schema";
import type { AnalysisOutcome } from "./music-analyser";

const outcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("music"), analysis: musicAnalysisSchema }),
  z.object({ kind: z.literal("none"), reason: z.string().min(1) }),
]);

/**
 * How this process starts the analysis child: the bundle next to the worker's
 * (scripts/worker-bundle.mjs builds both), or from source through tsx (tests,
 * `tsx scripts/worker.ts`); null where neither exists (code bundled some other
 * way), and the analysis then runs in this process.
 */
function childCommand(): string[] | null {
  const bundled = fileURLToPath(new URL("./analysis-child.mjs", import.meta.url));
  if (fs.existsSync(bundled)) return [bundled];
  const source = fileURLToPath(new URL("./analysis-child.ts", import.meta.url));
  if (fs.existsSync(source)) return ["--import", "tsx", source];
  return null;
}

/**
 * analyseAudioFile in a child process: the worker keeps no WebAssembly heap
 * after a take (it grows with the window being analysed and never shrinks),
 * a crash in the analysis ends the child, not the worker, and the child runs
 * at the lowest CPU priority beside the web server. The time limit and the
 * abort signal kill the child (and with it its ffmpeg, which it reads from a
 * pipe). A child that exits without an outcome is a ToolError ("failed").
 */
export async function analyseInChildProcess(file: string, options: AnalyseFileOptions): Promise<AnalysisOutcome> {
  const command = childCommand();
  if (!command) return analyseAudioFile(file, options);
  const { timeLimitMs, signal, ...rest } = options;
  const { stdout } = await runTool(process.execPath, ["--max-semi-space-size=1", ...command, JSON.stringify({ ...rest, timeLimitMs, file })], { timeLimitMs: timeLimitMs + 5_000, signal });
  const parsed = outcomeSchema.safeParse(safeJson(stdout.trim().split("\n").at(-1) ?? ""));
  if (!parsed.success) throw new ToolError("the analysis gave no readable outcome", "failed", "");
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
