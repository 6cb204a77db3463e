import { describe, expect, it } from "vitest";
import { lastErrorLine } from "./run-tool";

describe("lastErrorLine", () => {
  it("keeps the last line, without the server's paths (named as files or plainly) or ffmpeg's context tags", () => {
    const tail = "Input #0 ...\n[mp3 @ 0x10a1cc00] Invalid frame size (961): Could not seek to 47433.\nfile:/tmp/rehearsalhub-take-1-x/original: Invalid argument\n";
    expect(lastErrorLine(tail, ["/tmp/rehearsalhub-take-1-x/original"])).toBe("the file: Invalid argument");
    expect(lastErrorLine("[wav @ 0x5564fe891300] /tmp/d/original: Invalid data found", ["/tmp/d/original"])).toBe("the file: Invalid data found");
  });
});
