import { forcedInputArgs } from "@/server/media/input-format";
import { maxDecodedSeconds } from "@/server/media/plausible-audio";
import { lastErrorLine, runTool, ToolError } from "@/server/media/run-tool";
import { ANALYSIS_SAMPLE_RATE, MusicAnalyser, type AnalysisOutcome } from "./music-analyser";

export type AnalyseFileOptions = {
  ffmpegPath: string;
  /** ffmpeg's demuxer for the file (input-format.ts): never guessed from the bytes. */
  demuxer: string;
  sizeBytes: number;
  timeLimitMs: number;
  signal?: AbortSignal;
};

/**
 * The music in an audio file: ffmpeg decodes it (its demuxer forced, the file
 * protocol only, bounded by the file's size and a time limit) to mono 32-bit
 * float at 44.1 kHz on stdout, and the analyser takes it a window at a time,
 * so memory stays bounded however long the file is. A file ffmpeg cannot
 * decode is "no music" with a reason; a time limit or an abort is thrown.
 */
export async function analyseAudioFile(file: string, options: AnalyseFileOptions): Promise<AnalysisOutcome> {
  const analyser = new MusicAnalyser();
  let carry = Buffer.alloc(0);
  const args = [
    "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-t", maxDecodedSeconds(options.sizeBytes).toFixed(3), "-vn", "-sn", "-dn",
    ...forcedInputArgs(file, options.demuxer),
    "-map", "0:a:0", "-ac", "1", "-ar", String(ANALYSIS_SAMPLE_RATE), "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1",
  ];
  try {
    await runTool(options.ffmpegPath, args, {
      timeLimitMs: options.timeLimitMs,
      signal: options.signal,
      onStdout: (chunk) => {
        const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const whole = bytes.length - (bytes.length % 4);
        // A copy, aligned for Float32Array whatever the chunk's offset in its pool.
        const samples = new Float32Array(whole / 4);
        Buffer.from(samples.buffer).set(bytes.subarray(0, whole));
        carry = Buffer.from(bytes.subarray(whole));
        analyser.push(samples);
      },
    });
  } catch (error) {
    if (error instanceof ToolError && error.kind === "failed") {
      return { kind: "none", reason: `The audio could not be decoded for analysis (${lastErrorLine(error.stderrTail, [file]) || error.message}).` };
    }
    throw error;
  }
  return analyser.finish();
}
