import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Every format the pipeline takes, as ffmpeg arguments that encode a tone into it. */
export const AUDIO_FORMATS = {
  "wav-16": { ext: "wav", contentType: "audio/wav", args: ["-ac", "2", "-c:a", "pcm_s16le"] },
  "wav-24": { ext: "wav", contentType: "audio/wav", args: ["-ac", "2", "-c:a", "pcm_s24le"] },
  "wav-32f": { ext: "wav", contentType: "audio/wav", args: ["-ac", "2", "-c:a", "pcm_f32le"] },
  aiff: { ext: "aiff", contentType: "audio/aiff", args: ["-ac", "2", "-c:a", "pcm_s16be"] },
  mp3: { ext: "mp3", contentType: "audio/mpeg", args: ["-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k"] },
  "m4a-mono": { ext: "m4a", contentType: "audio/mp4", args: ["-ac", "1", "-c:a", "aac", "-b:a", "96k"] },
  flac: { ext: "flac", contentType: "audio/flac", args: ["-ac", "2", "-sample_fmt", "s32", "-c:a", "flac"] },
  ogg: { ext: "ogg", contentType: "audio/ogg", args: ["-ac", "2", "-c:a", "libvorbis"] },
  opus: { ext: "opus", contentType: "audio/ogg", args: ["-ac", "2", "-c:a", "libopus", "-b:a", "96k"] },
  webm: { ext: "webm", contentType: "audio/webm", args: ["-ac", "2", "-c:a", "libopus", "-b:a", "96k", "-f", "webm"] },
} as const;

export type AudioFormatName = keyof typeof AUDIO_FORMATS;

/**
 * A real file of that format, made by the machine's ffmpeg: a tone with a
 * beat (so peaks vary), `seconds` long, at 44.1 kHz (48 kHz for Opus).
 */
export function makeAudioFile(dir: string, name: AudioFormatName, seconds = 2): string {
  const format = AUDIO_FORMATS[name];
  const file = path.join(dir, `${name}.${format.ext}`);
  if (fs.existsSync(file)) return file;
  const rate = (format.args as readonly string[]).includes("libopus") ? "48000" : "44100";
  execFileSync(
    "ffmpeg",
    ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", `sine=frequency=330:beep_factor=4:duration=${seconds}:sample_rate=${rate}`, ...format.args, file],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  return file;
}
