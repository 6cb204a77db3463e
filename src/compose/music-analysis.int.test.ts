import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseAudioFile } from "@/features/analysis/analyse-audio-file";
import { musicAnalysisSchema, type MusicAnalysis } from "@/features/analysis/analysis.schema";
import { OVERLAP_SECONDS, WINDOW_SECONDS } from "@/features/analysis/music-analyser";
import { parseKey } from "@/features/songs/chart/transpose.rules";
import { enqueueProcessTake } from "@/server/jobs/enqueue";
import { processingTimeLimitSeconds } from "@/server/media/time-limit";
import { mediaTools } from "@/server/media/tools";
import { getStorage } from "@/server/storage";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { beatFMeasure } from "@/test/music/beat-f-measure";
import { generateMusic, musicWav, type MusicSpec, type MusicTruth } from "@/test/music/generate-music";
import { createTake } from "@/test/takes";
import { wavHeader } from "@/test/wav";
import { startWorker, type RunningWorker } from "./worker-jobs";

/**
 * The music analysis through the real worker: generated music with known
 * truth is stored as takes, queued for processing, and the worker processes
 * and then analyses each (real ffmpeg, real essentia.js, real database).
 * Everything is asserted against the generator's truth.
 */
const t = databaseWithStorage("rehearsalhub-analysis-");
let worker: RunningWorker | undefined;
let bandId: string;
let songId: string;
let uploaderId: string;

type Case = { name: string; spec?: MusicSpec; bytes: Buffer; truth?: MusicTruth; versionId?: string };

const songs: MusicSpec[] = [
  { bpm: 72, key: { tonic: "A", mode: "minor" }, progression: ["Am", "Dm", "E", "Am"], bars: 8 },
  { bpm: 96, key: { tonic: "G", mode: "major" }, progression: ["G", "C", "D", "G"], bars: 9 },
  { bpm: 120, key: { tonic: "Bb", mode: "major" }, progression: ["Bb", "Eb", "F", "Bb"], bars: 11 },
  { bpm: 150, key: { tonic: "E", mode: "minor" }, progression: ["Em", "Am", "B", "Em"], bars: 14 },
  { bpm: 178, key: { tonic: "D", mode: "major" }, progression: ["D", "G", "A", "D"], bars: 16 },
];
const ramp: MusicSpec = { bpm: 90, endBpm: 130, key: { tonic: "C", mode: "major" }, progression: ["C", "F", "G", "C"], bars: 14 };
const leadIn: MusicSpec = { bpm: 110, key: { tonic: "F", mode: "major" }, progression: ["F", "Bb", "C", "F"], bars: 12, leadInSeconds: 12 };

const cases: Case[] = [];
const made = (spec: MusicSpec, name: string): Case => {
  const music = generateMusic(spec);
  return { name, spec, bytes: musicWav(music.samples, music.sampleRate), truth: music.truth };
};
/** 16-bit mono WAV of `samples`. */
const wavOf = (samples: Int16Array) => Buffer.concat([wavHeader(samples.length * 2, 44_100, 1), Buffer.from(samples.buffer)]);
function noise(seconds: number): Int16Array {
  const out = new Int16Array(seconds * 44_100);
  let x = 12345;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = ((x >>> 16) % 16000) - 8000;
  }
  return out;
}

beforeAll(async () => {
  const { band, owner } = await createBandWith(t.db);
  bandId = band.id;
  uploaderId = owner.id;
  songId = (await t.db.song.create({ data: { bandId, title: "Analysed" } })).id;
  songs.forEach((spec) => cases.push(made(spec, `${spec.bpm} BPM in ${spec.key.tonic} ${spec.key.mode}`)));
  cases.push(made(ramp, "ramp"), made(leadIn, "lead-in"));
  cases.push({ name: "silent", bytes: wavOf(new Int16Array(10 * 44_100)) });
  cases.push({ name: "noise", bytes: wavOf(noise(10)) });
  for (const c of cases) {
    const take = await createTake(t.db, { bandId, songId, uploaderId, bytes: c.bytes, contentType: "audio/wav" });
    await t.db.$transaction((tx) => enqueueProcessTake(tx, take.id, { timeLimitSeconds: processingTimeLimitSeconds({ durationSeconds: null, sizeBytes: c.bytes.length }) }));
    c.versionId = take.id;
  }
  worker = await startWorker({ databaseUrl: t.url, db: t.db, storage: getStorage(), concurrency: 1, pollingIntervalSeconds: 0.5 });
  const ids = cases.map((c) => c.versionId!);
  const deadline = Date.now() + 150_000;
  for (;;) {
    const rows = await t.db.takeAnalysis.findMany({ where: { versionId: { in: ids }, state: { in: ["READY", "ABSENT"] } }, select: { versionId: true } });
    if (rows.length === ids.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 180_000);
afterAll(async () => {
  await worker?.stop();
});

async function analysisOf(name: string): Promise<MusicAnalysis> {
  const c = cases.find((x) => x.name === name)!;
  const row = await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: c.versionId! } });
  expect(row.state, row.reason ?? "").toBe("READY");
  const analysis = musicAnalysisSchema.parse(row.data);
  expect(row.bpm).toBe(analysis.bpm);
  expect(row.keyLabel).toBe(analysis.key.label);
  return analysis;
}

const sameChord = (a: string, b: string) => {
  const x = parseKey(a);
  const y = parseKey(b);
  return !!x && !!y && x.root === y.root && x.minor === y.minor;
};

describe("music at tempi from 72 to 178 BPM", () => {
  it.each(songs.map((s) => `${s.bpm} BPM in ${s.key.tonic} ${s.key.mode}`))("%s: the tempo within 2% (no octave error) and the beats found (F >= 0.8 at 70 ms)", async (name) => {
    const c = cases.find((x) => x.name === name)!;
    const analysis = await analysisOf(name);
    expect(Math.abs(analysis.bpm - c.spec!.bpm) / c.spec!.bpm).toBeLessThan(0.02);
    expect(beatFMeasure(c.truth!.beats, analysis.beats, 0.07)).toBeGreaterThanOrEqual(0.8);
    // Bars start on the true downbeats.
    expect(beatFMeasure(c.truth!.downbeats, analysis.downbeats, 0.07)).toBeGreaterThanOrEqual(0.8);
    expect(analysis.tempo.length).toBeGreaterThan(0);
  });

  it("reads the key right (the relative major or minor counts as wrong) in at least 4 of 5", async () => {
    let right = 0;
    for (const spec of songs) {
      const analysis = await analysisOf(`${spec.bpm} BPM in ${spec.key.tonic} ${spec.key.mode}`);
      if (sameChord(analysis.key.label, spec.key.mode === "minor" ? `${spec.key.tonic}m` : spec.key.tonic)) right++;
      expect(analysis.key.confidence).toBeGreaterThanOrEqual(0);
      expect(analysis.key.confidence).toBeLessThanOrEqual(1);
    }
    expect(right).toBeGreaterThanOrEqual(4);
  });

  it("names the chord sounding at 70% or more of the bar midpoints", async () => {
    let right = 0;
    let bars = 0;
    for (const spec of songs) {
      const c = cases.find((x) => x.spec === spec)!;
      const analysis = await analysisOf(c.name);
      for (const bar of c.truth!.chords) {
        const mid = (bar.start + bar.end) / 2;
        const found = analysis.chords.find((span) => span.start <= mid && mid < span.end);
        bars++;
        if (found && sameChord(found.label, bar.label)) right++;
      }
    }
    expect(right / bars).toBeGreaterThanOrEqual(0.7);
  });
});

describe("a take that speeds up", () => {
  it("has a rising tempo curve, from near the start tempo to near the end tempo", async () => {
    const analysis = await analysisOf("ramp");
    const first = analysis.tempo[0]!.bpm;
    const last = analysis.tempo.at(-1)!.bpm;
    expect(last - first).toBeGreaterThan((ramp.endBpm! - ramp.bpm) / 2);
    expect(Math.abs(first - ramp.bpm)).toBeLessThan(10);
    expect(Math.abs(last - ramp.endBpm!)).toBeLessThan(10);
    const c = cases.find((x) => x.name === "ramp")!;
    expect(beatFMeasure(c.truth!.beats, analysis.beats, 0.07)).toBeGreaterThanOrEqual(0.8);
  });
});

describe("takes longer than one analysis window", () => {
  it("are stitched at the seams: no beat lost or doubled there", async () => {
    for (const name of ["ramp", "lead-in"]) {
      const c = cases.find((x) => x.name === name)!;
      expect(c.truth!.musicEnd).toBeGreaterThan(WINDOW_SECONDS);
      const analysis = await analysisOf(name);
      const seam = WINDOW_SECONDS - OVERLAP_SECONDS / 2;
      const near = (beats: number[]) => beats.filter((b) => Math.abs(b - seam) < 3);
      expect(beatFMeasure(near(c.truth!.beats), near(analysis.beats), 0.07)).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe("a long silent start", () => {
  it("has no beats before the music, and the music's beats after it", async () => {
    const c = cases.find((x) => x.name === "lead-in")!;
    const analysis = await analysisOf("lead-in");
    expect(analysis.beats[0]!).toBeGreaterThan(c.truth!.musicStart - 0.1);
    expect(beatFMeasure(c.truth!.beats, analysis.beats, 0.07)).toBeGreaterThanOrEqual(0.8);
  });
});

describe("no music to understand", () => {
  it.each(["silent", "noise"])("a %s take: analysis ABSENT with a sentence for people, the take READY and playable", async (name) => {
    const c = cases.find((x) => x.name === name)!;
    const row = await t.db.takeAnalysis.findUniqueOrThrow({ where: { versionId: c.versionId! } });
    expect(row.state).toBe("ABSENT");
    expect(row.reason).toMatch(/^[A-Z].{20,}\.$/);
    expect(row.data).toBeNull();
    const take = await t.db.version.findUniqueOrThrow({ where: { id: c.versionId! } });
    expect(take.processing).toBe("READY");
    expect(take.peaksKey).not.toBeNull();
  });

  it("a file ffmpeg cannot decode is no music with a readable reason, not an exception", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-corrupt-"));
    try {
      const file = path.join(dir, "corrupt");
      fs.writeFileSync(file, Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVEjunk"), Buffer.alloc(4000, 0x7f)]));
      const outcome = await analyseAudioFile(file, { ffmpegPath: mediaTools().ffmpeg.path, demuxer: "wav", sizeBytes: 4016, timeLimitMs: 30_000 });
      expect(outcome.kind).toBe("none");
      expect(outcome.kind === "none" && outcome.reason).toMatch(/^The audio could not be decoded for analysis \(.+\)\.$/);
      expect(outcome.kind === "none" && outcome.reason).not.toContain(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
