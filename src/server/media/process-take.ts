import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { PrismaClient } from "@/generated/prisma/client";
import type { StorageDriver } from "@/server/storage";
import { factsFromProbe, type AudioFacts } from "./audio-facts";
import { isVideoContentType } from "./audio-format";
import { demuxerFor, forcedInputArgs } from "./input-format";
import { parseEbur128Summary } from "./loudness";
import { PEAKS_SAMPLE_RATE, PeaksBuilder } from "./peaks";
import { implausibleAudio, maxDecodedSeconds } from "./plausible-audio";
import { needsRendition, RENDITION, RENDITION_BYTES_PER_SECOND, renditionSampleRate } from "./rendition-plan";
import { lastErrorLine, runTool, ToolError } from "./run-tool";
import { processingTimeLimitSeconds } from "./time-limit";
import type { MediaTools } from "./tools";

/** A file that processing can never succeed on (damaged, not audio): no retry, the reason is shown. */
export class UnprocessableMedia extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessableMedia";
  }
}

const TEMP_PREFIX = "rehearsalhub-take-";

/**
 * Temp directories of workers that no longer run (killed with SIGKILL, which
 * leaves no chance for the finally below). Named with their pid, so a live
 * worker's directory is never touched. Called at worker start.
 */
export async function removeAbandonedTempDirs(tmpRoot = os.tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmpRoot).catch(() => [] as string[])) {
    const pid = Number(new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || isAlive(pid)) continue;
    await rm(path.join(tmpRoot, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type ProcessDeps = { db: PrismaClient; storage: StorageDriver; tools: MediaTools; signal?: AbortSignal; tmpRoot?: string };

export type ProcessResult = "done" | "gone";

/** Generated files live next to the original, keyed from it. */
export function derivedKeys(storageKey: string) {
  const stem = storageKey.replace(/\.[a-z0-9]{1,8}$/, "");
  return { peaksKey: `${stem}-peaks.json`, renditionKey: `${stem}-stream.${RENDITION.extension}` };
}

/**
 * Processes one take from its original: true facts (ffprobe), then ONE ffmpeg
 * pass that decodes the file once and writes, side by side, the waveform
 * peaks (16-bit mono PCM piped into PeaksBuilder), the EBU R128 loudness
 * summary, and, when the original is not universally playable, an AAC/MP4
 * rendition with its index at the front. The original is copied from storage
 * to a temp file first (through the StorageDriver, whatever the driver), and
 * every temp file is removed however this ends.
 */
export async function processTake(versionId: string, deps: ProcessDeps): Promise<ProcessResult> {
  const take = await deps.db.version.findUnique({
    where: { id: versionId },
    select: { id: true, storageKey: true, sizeBytes: true, durationSeconds: true, sampleRate: true, channels: true, codec: true, bitrate: true, contentType: true },
  });
  if (!take) return "gone";
  const size = Number(take.sizeBytes);
  if (size === 0) throw new UnprocessableMedia("The file is empty.");
  const demuxer = demuxerFor(take.contentType);
  if (!demuxer) throw new UnprocessableMedia("The file is not a kind of audio we accept.");

  const dir = await mkdtemp(path.join(deps.tmpRoot ?? os.tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  try {
    const original = path.join(dir, "original");
    await pipeline(deps.storage.openRange(take.storageKey, 0, size - 1), createWriteStream(original));

    const input: ToolInput = { file: original, demuxer, sizeBytes: size };
    const probed = await probe(input, deps);
    const facts: AudioFacts = probed ?? {
      // No ffprobe on this machine: the upload's own reading stands, and the
      // rendition decision falls back to "make one" unless it is a plain MP3.
      codecName: take.contentType === "audio/mpeg" ? "mp3" : "unknown",
      codecLabel: take.codec ?? "",
      container: take.contentType === "audio/mpeg" ? "mp3" : "",
      channels: take.channels,
      sampleRate: take.sampleRate,
      bitDepth: null,
      bitrate: take.bitrate,
      durationSeconds: take.durationSeconds,
    };
    const timeLimitMs = processingTimeLimitSeconds({ durationSeconds: facts.durationSeconds, sizeBytes: size }) * 1000;

    const rendition = needsRendition(facts, { isVideo: isVideoContentType(take.contentType) }) ? path.join(dir, `stream.${RENDITION.extension}`) : null;
    const peaks = new PeaksBuilder();
    const args = ffmpegArgs(input, facts, rendition);
    let stderr: string;
    try {
      ({ stderr } = await runTool(deps.tools.ffmpeg.path, args, { timeLimitMs, signal: deps.signal, onStdout: (chunk) => peaks.push(chunk) }));
    } catch (error) {
      if (error instanceof ToolError && error.kind === "failed") {
        throw new UnprocessableMedia(`The audio could not be decoded (${lastErrorLine(error.stderrTail, [original, dir]) || error.message}).`);
      }
      throw error;
    }
    const loudness = parseEbur128Summary(stderr);
    const waveform = peaks.finish();
    if (waveform.length === 0) throw new UnprocessableMedia("The file holds no audio that could be decoded.");

    const { peaksKey, renditionKey } = derivedKeys(take.storageKey);
    const peaksFile = path.join(dir, "peaks.json");
    await writeFile(peaksFile, JSON.stringify(waveform));
    await deps.storage.put(peaksKey, createReadStream(peaksFile));
    let renditionSize: number | null = null;
    if (rendition) {
      renditionSize = (await stat(rendition)).size;
      await deps.storage.put(renditionKey, createReadStream(rendition));
    }

    // The decoded length is the truth when the container's header was wrong or missing.
    const decodedSeconds = (waveform.length * waveform.samples_per_pixel) / PEAKS_SAMPLE_RATE;
    const { count } = await deps.db.version.updateMany({
      where: { id: take.id },
      data: {
        processing: "READY",
        processingError: null,
        processedAt: new Date(),
        peaksKey,
        renditionKey: rendition ? renditionKey : null,
        renditionContentType: rendition ? RENDITION.contentType : null,
        renditionSizeBytes: renditionSize === null ? null : BigInt(renditionSize),
        loudnessLufs: loudness?.integratedLufs ?? null,
        truePeakDb: loudness?.truePeakDb ?? null,
        ...(probed
          ? {
              codec: probed.codecLabel,
              channels: probed.channels,
              sampleRate: probed.sampleRate,
              bitDepth: probed.bitDepth,
              bitrate: probed.bitrate,
              durationSeconds: probed.durationSeconds ?? decodedSeconds,
            }
          : { durationSeconds: take.durationSeconds ?? decodedSeconds }),
      },
    });
    if (count === 0) {
      // Deleted while it was processed: take the generated files with it.
      await Promise.all([deps.storage.delete(peaksKey), deps.storage.delete(renditionKey)]);
      return "gone";
    }
    return "done";
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The original on local disk, the demuxer its sniffed format forces, and its size (which bounds the work). */
type ToolInput = { file: string; demuxer: string; sizeBytes: number };

/**
 * ffprobe's facts, with the demuxer forced (both tools read the file the same
 * way, whatever their builds would guess), refused when they cannot be real
 * audio of this size.
 */
async function probe({ file, demuxer, sizeBytes }: ToolInput, deps: ProcessDeps): Promise<AudioFacts | null> {
  const ffprobe = deps.tools.ffprobe;
  if (!ffprobe) return null;
  let stdout: string;
  try {
    ({ stdout } = await runTool(ffprobe.path, ["-v", "error", ...forcedInputArgs(file, demuxer), "-show_streams", "-show_format", "-of", "json"], {
      timeLimitMs: 60_000,
      signal: deps.signal,
    }));
  } catch (error) {
    if (error instanceof ToolError && error.kind === "failed") {
      throw new UnprocessableMedia(`The file could not be read as audio (${lastErrorLine(error.stderrTail, [file]) || error.message}).`);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new UnprocessableMedia("The file could not be read as audio.");
  }
  const facts = factsFromProbe(json);
  if (!facts) throw new UnprocessableMedia("The file holds no sound (no audio stream): there is nothing to listen to.");
  const pcmBitsPerSample = facts.codecName.startsWith("pcm_") ? facts.bitDepth : null;
  const implausible = implausibleAudio({ ...facts, pcmBitsPerSample }, sizeBytes);
  if (implausible) throw new UnprocessableMedia(implausible);
  return facts;
}

/**
 * One decode, three outputs: rendition (optional), peaks PCM on stdout,
 * loudness summary on stderr. The input's demuxer is forced, and the decode
 * stops at the most audio the file's bytes can hold, so every output (and the
 * time it takes) is bounded by the upload's size, whatever its header claims;
 * the rendition's size is capped as well.
 */
export function ffmpegArgs(input: ToolInput, facts: Pick<AudioFacts, "channels" | "sampleRate">, rendition: string | null): string[] {
  const maxSeconds = maxDecodedSeconds(input.sizeBytes);
  const branches = rendition ? "[p][l][r]" : "[p][l]";
  const graph = [
    // The first audio stream only: a video's picture (and any other stream) is never decoded.
    `[0:a:0]asplit=${rendition ? 3 : 2}${branches}`,
    `[p]aresample=${PEAKS_SAMPLE_RATE},aformat=sample_fmts=s16:channel_layouts=mono[po]`,
    `[l]ebur128=peak=true:framelog=verbose[lo]`,
  ].join(";");
  const args = ["-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-t", maxSeconds.toFixed(3), "-vn", "-sn", "-dn", ...forcedInputArgs(input.file, input.demuxer), "-filter_complex", graph];
  if (rendition) {
    args.push(
      "-map", "[r]", "-vn", "-c:a", RENDITION.codec, "-b:a", RENDITION.bitrate,
      "-ar", String(renditionSampleRate(facts.sampleRate)), "-ac", String(Math.min(facts.channels ?? 2, 2)),
      "-fs", String(Math.ceil(maxSeconds * RENDITION_BYTES_PER_SECOND * 1.2) + 1024 * 1024),
      "-movflags", "+faststart", "-f", "mp4", "-y", rendition,
    );
  }
  args.push("-map", "[po]", "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1", "-map", "[lo]", "-f", "null", "-");
  return args;
}
