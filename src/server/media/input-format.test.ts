import { describe, expect, it } from "vitest";
import { demuxerFor, forcedInputArgs } from "./input-format";

describe("demuxerFor", () => {
  it.each([
    ["audio/mpeg", "mp3"],
    ["audio/wav", "wav"],
    ["audio/aiff", "aiff"],
    ["audio/flac", "flac"],
    ["audio/ogg", "ogg"],
    ["audio/ogg; codecs=opus", "ogg"],
    ["audio/mp4", "mov"],
    ["audio/aac", "aac"],
    ["audio/webm", "matroska"],
    ["audio/x-matroska", "matroska"],
    ["video/mp4", "mov"],
    ["video/quicktime", "mov"],
    ["video/3gpp", "mov"],
    ["video/webm", "matroska"],
    ["video/x-matroska", "matroska"],
    ["AUDIO/MPEG", "mp3"],
  ])("%s -> %s", (contentType, demuxer) => {
    expect(demuxerFor(contentType)).toBe(demuxer);
  });

  it("has no demuxer for anything that is not an accepted audio type (no guessing)", () => {
    for (const type of ["application/x-mpegurl", "application/vnd.apple.mpegurl", "text/plain", "video/x-msvideo", "video/ogg", "", "audio/x-unknown"]) {
      expect(demuxerFor(type)).toBeNull();
    }
  });
});

describe("forcedInputArgs", () => {
  it("forces the demuxer, allows only it and the file protocol, and names the file as a file", () => {
    const args = forcedInputArgs("/tmp/x/original", "mp3");
    expect(args).toEqual(["-protocol_whitelist", "file", "-format_whitelist", "mp3", "-f", "mp3", "-i", "file:/tmp/x/original"]);
    // Every option comes before -i, so it applies to the input.
    expect(args.indexOf("-i")).toBe(args.length - 2);
  });

  it("never lets the mov demuxer follow a data reference to another file", () => {
    const args = forcedInputArgs("/tmp/x/original", "mov");
    expect(args.slice(0, 4)).toEqual(["-protocol_whitelist", "file", "-format_whitelist", "mov"]);
    expect(args[args.indexOf("-enable_drefs") + 1]).toBe("0");
    expect(args[args.indexOf("-use_absolute_path") + 1]).toBe("0");
    expect(args.indexOf("-enable_drefs")).toBeLessThan(args.indexOf("-i"));
    expect(args.slice(-4)).toEqual(["-f", "mov", "-i", "file:/tmp/x/original"]);
  });
});
