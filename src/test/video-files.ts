import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Phone-like videos, made by the machine's ffmpeg at test time (nothing large
 * is committed): lavfi's test picture with a sine tone of a known frequency.
 * MP4 and MOV are written the way phones write them, with the index (moov)
 * after the media data.
 */
export const VIDEO_FORMATS = {
  "mp4-h264-aac": { ext: "mp4", contentType: "video/mp4", args: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mp4"] },
  "mp4-hevc-aac": { ext: "mp4", contentType: "video/mp4", args: ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-c:a", "aac", "-f", "mp4"] },
  "mov-h264-aac": { ext: "mov", contentType: "video/quicktime", args: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mov"] },
  "webm-vp8-vorbis": { ext: "webm", contentType: "video/webm", args: ["-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libvorbis", "-f", "webm"] },
  "webm-vp9-opus": { ext: "webm", contentType: "video/webm", args: ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-f", "webm"] },
  "webm-av1-opus": { ext: "webm", contentType: "video/webm", args: ["-c:v", "libaom-av1", "-cpu-used", "8", "-b:v", "100k", "-c:a", "libopus", "-f", "webm"] },
  "mkv-h264-aac": { ext: "mkv", contentType: "video/x-matroska", args: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "matroska"] },
} as const;

export type VideoFormatName = keyof typeof VIDEO_FORMATS;

/** The tone every test video carries, to find again in what is kept of it. */
export const VIDEO_TONE_HZ = 440;

/**
 * A small video of that format, `seconds` long, with a tone of `toneHz` (or no
 * sound at all with `sound: false`).
 */
export function makeVideoFile(dir: string, name: VideoFormatName, { seconds = 2, toneHz = VIDEO_TONE_HZ, sound = true } = {}): string {
  const format = VIDEO_FORMATS[name];
  const file = path.join(dir, `${name}-${seconds}s-${sound ? toneHz : "silent"}.${format.ext}`);
  if (fs.existsSync(file)) return file;
  const picture = ["-f", "lavfi", "-i", `testsrc=size=160x120:rate=10:duration=${seconds}`];
  const tone = sound ? ["-f", "lavfi", "-i", `sine=frequency=${toneHz}:duration=${seconds}:sample_rate=48000`] : [];
  const args = (format.args as readonly string[]).filter((arg, i, all) => sound || !(arg === "-c:a" || all[i - 1] === "-c:a"));
  execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", ...picture, ...tone, ...args, file], { stdio: ["ignore", "ignore", "inherit"] });
  return file;
}

/**
 * The main frequency of a file's first audio stream, from the zero crossings of
 * its decoded mono samples (a pure tone crosses zero twice a cycle), in its
 * middle three fifths (away from an encoder's priming and padding).
 */
export function dominantFrequency(file: string): number {
  const pcm = execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-i", file, "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "s16le", "pipe:1"], { maxBuffer: 256 * 1024 * 1024 });
  const all = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
  const samples = all.subarray(Math.floor(all.length / 5), Math.floor((all.length * 4) / 5));
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++;
  return crossings / 2 / (samples.length / 48_000);
}
