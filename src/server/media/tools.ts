import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { env } from "@/env";
import { chooseTool, type ToolChoice } from "./tool-location";

export type MediaTools = { ffmpeg: ToolChoice & { version: string }; ffprobe: (ToolChoice & { version: string }) | null };

let cached: MediaTools | undefined;

/**
 * The ffmpeg (and ffprobe) the pipeline runs: FFMPEG_PATH, else PATH, else
 * @ffmpeg-installer/ffmpeg (an npm package that ships a static binary, so
 * `npm install` alone gives a working pipeline). ffprobe the same way, with
 * @ffprobe-installer/ffprobe; without any ffprobe, facts come from the upload's
 * own metadata reading.
 */
export function mediaTools(): MediaTools {
  if (cached) return cached;
  const e = env();
  const ffmpeg = chooseTool("ffmpeg", { configured: e.ffmpegPath, searchPath: e.searchPath, isExecutable, bundled: () => bundledPath("@ffmpeg-installer/ffmpeg") });
  if (!ffmpeg) throw new Error("No ffmpeg found: set FFMPEG_PATH, install ffmpeg, or reinstall the npm dependencies.");
  const ffprobe = chooseTool("ffprobe", { configured: e.ffprobePath, searchPath: e.searchPath, isExecutable, bundled: () => bundledPath("@ffprobe-installer/ffprobe") });
  cached = {
    ffmpeg: { ...ffmpeg, version: versionOf(ffmpeg.path) },
    ffprobe: ffprobe ? { ...ffprobe, version: versionOf(ffprobe.path) } : null,
  };
  return cached;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The binary path an installer package reports; null where it has no build for this platform. */
function bundledPath(pkg: string): string | null {
  try {
    const found = (createRequire(import.meta.url)(pkg) as { path?: string }).path;
    return found && isExecutable(found) ? found : null;
  } catch {
    return null;
  }
}

/** "5.1.8-0+deb12u1" from the first line of `-version`. */
function versionOf(file: string): string {
  const result = spawnSync(file, ["-version"], { encoding: "utf8", timeout: 10_000 });
  const first = (result.stdout ?? "").split("\n")[0] ?? "";
  return /version (\S+)/.exec(first)?.[1] ?? "unknown";
}
