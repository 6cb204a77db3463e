import { describe, expect, it } from "vitest";
import { chooseTool, mediaToolsWarning } from "./tool-location";

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

describe("mediaToolsWarning", () => {
  const system = { path: "/usr/bin/ffmpeg", source: "PATH" as const, version: "5.1.8" };
  const systemProbe = { path: "/usr/bin/ffprobe", source: "PATH" as const, version: "5.1.8" };
  const npm = { path: "/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg", source: "npm package" as const, version: "N-47683" };
  const npmProbe = { path: "/app/node_modules/@ffprobe-installer/linux-x64/ffprobe", source: "npm package" as const, version: "N-66595" };

  it("is quiet for a maintained pair", () => {
    expect(mediaToolsWarning(system, systemProbe)).toBeNull();
    expect(mediaToolsWarning({ ...system, source: "configured" }, { ...systemProbe, source: "configured" })).toBeNull();
  });

  it("says loudly that the npm fallback is an unmaintained 2018 build, and how to fix it", () => {
    expect(mediaToolsWarning(npm, npmProbe)).toMatch(/No maintained ffmpeg .* 2018, with known vulnerabilities.*apt-get install ffmpeg.*FFMPEG_PATH/);
    // FFMPEG_PATH pointed at the npm package's binary is that same build.
    expect(mediaToolsWarning({ ...npm, source: "configured" }, { ...npmProbe, source: "configured" })).toMatch(/No maintained ffmpeg/);
  });

  it("names a missing or mismatched ffprobe", () => {
    expect(mediaToolsWarning(system, null)).toMatch(/No ffprobe/);
    expect(mediaToolsWarning(system, npmProbe)).toMatch(/ffprobe from an npm package/);
  });
});
