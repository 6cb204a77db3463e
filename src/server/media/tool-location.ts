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
