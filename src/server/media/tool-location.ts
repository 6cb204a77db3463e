import path from "node:path";

export type ToolChoice = { path: string; source: "configured" | "PATH" | "npm package" };

/**
 * Which executable to run, in order: the configured path (FFMPEG_PATH /
 * FFPROBE_PATH), the first match on PATH (a maintained, system-updated build),
 * then the binary shipped inside an npm package. Pure: lookups are passed in.
 */
export function chooseTool(
  name: string,
  {
    configured,
    searchPath,
    isExecutable,
    bundled,
  }: { configured: string | undefined; searchPath: string; isExecutable: (file: string) => boolean; bundled: () => string | null },
): ToolChoice | null {
  if (configured) return { path: configured, source: "configured" };
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return { path: candidate, source: "PATH" };
  }
  const shipped = bundled();
  return shipped ? { path: shipped, source: "npm package" } : null;
}

/**
 * What an operator must hear at start about the tools that will read
 * untrusted uploads, or null when both are maintained builds of one source.
 * The npm fallback is a 2018 ffmpeg with known vulnerabilities (its ffprobe is
 * a 2023 build): the pipeline forces every input's format so neither guesses,
 * but an unmaintained decoder still reads attackers' bytes.
 */
export function mediaToolsWarning(ffmpeg: ToolChoice & { version: string }, ffprobe: (ToolChoice & { version: string }) | null): string | null {
  // Configured or not, the npm package's binary is the same 2018 build.
  if (ffmpeg.source === "npm package" || /[\\/]@ffmpeg-installer[\\/]/.test(ffmpeg.path)) {
    return (
      `No maintained ffmpeg was found: uploads are decoded by the ffmpeg ${ffmpeg.version} build shipped in an npm package (from 2018, with known vulnerabilities). ` +
      "Install your system's ffmpeg package (e.g. apt-get install ffmpeg) or set FFMPEG_PATH and FFPROBE_PATH, then restart."
    );
  }
  if (!ffprobe) return "No ffprobe was found: a take's facts come from the upload's own reading of its header. Install ffprobe (it comes with ffmpeg) or set FFPROBE_PATH.";
  if (ffprobe.source === "npm package") {
    return `ffmpeg comes from ${ffmpeg.source} but ffprobe from an npm package (${ffprobe.version}): install your system's ffmpeg package, which has both, or set FFPROBE_PATH.`;
  }
  return null;
}
