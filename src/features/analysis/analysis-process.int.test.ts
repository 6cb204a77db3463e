import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaTools } from "@/server/media/tools";
import { ToolError } from "@/server/media/run-tool";
import { generateMusic, musicWav } from "@/test/music/generate-music";
import { analyseAudioFile } from "./analyse-audio-file";
import { analyseInChildProcess } from "./analysis-process";

/** The analysis in a child process gives what it gives in this one, and stops when told to. */
let dir: string;
let file: string;
const options = () => ({ ffmpegPath: mediaTools().ffmpeg.path, demuxer: "wav", sizeBytes: fs.statSync(file).size, timeLimitMs: 60_000 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-analysis-child-"));
  file = path.join(dir, "take.wav");
  const music = generateMusic({ bpm: 100, key: { tonic: "G", mode: "major" }, progression: ["G", "C", "D", "G"], bars: 6 });
  fs.writeFileSync(file, musicWav(music.samples, music.sampleRate, 2));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("analyseInChildProcess", () => {
  it("gives the same outcome as the analysis in this process", { timeout: 60_000 }, async () => {
    const child = await analyseInChildProcess(file, options());
    expect(child.kind).toBe("music");
    expect(child).toEqual(await analyseAudioFile(file, options()));
  });

  it("is killed by the abort signal, and says so", { timeout: 60_000 }, async () => {
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(), 200);
    const error = await analyseInChildProcess(file, { ...options(), signal: aborter.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).kind).toBe("aborted");
  });
});
