import { describe, expect, it } from "vitest";
import { chooseTool } from "./tool-location";

const on = (...files: string[]) => (file: string) => files.includes(file);

describe("chooseTool", () => {
  it("prefers the configured path, then PATH, then the npm package", () => {
    const bundled = () => "/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg";
    expect(chooseTool("ffmpeg", { configured: "/opt/ffmpeg", searchPath: "/usr/bin", isExecutable: on("/usr/bin/ffmpeg"), bundled })).toEqual({
      path: "/opt/ffmpeg",
      source: "configured",
    });
    expect(chooseTool("ffmpeg", { configured: undefined, searchPath: "/usr/local/bin:/usr/bin", isExecutable: on("/usr/bin/ffmpeg"), bundled })).toEqual({
      path: "/usr/bin/ffmpeg",
      source: "PATH",
    });
    expect(chooseTool("ffmpeg", { configured: undefined, searchPath: "/usr/bin", isExecutable: on(), bundled })).toEqual({ path: bundled(), source: "npm package" });
  });

  it("is null when there is none at all", () => {
    expect(chooseTool("ffprobe", { configured: undefined, searchPath: "", isExecutable: on(), bundled: () => null })).toBeNull();
  });
});
