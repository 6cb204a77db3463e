import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { runProcessTakeJob } from "@/server/jobs/process-take.job";
import type { ProcessTakeJob } from "@/server/jobs/queues";
import { getStorage } from "@/server/storage";
import { AUDIO_FORMATS, makeAudioFile, type AudioFormatName } from "@/test/audio-files";
import { createBandWith } from "@/test/callers";
import { databaseWithStorage } from "@/test/database-with-storage";
import { createTake } from "@/test/takes";
import { wavClaiming } from "@/test/wav";
import { mp4ReferencingExternalFile } from "@/test/mp4-boxes";
import { dominantFrequency, makeVideoFile, VIDEO_FORMATS, VIDEO_TONE_HZ, type VideoFormatName } from "@/test/video-files";
import type { AudiowaveformJson } from "./peaks";
import { maxDecodedSeconds } from "./plausible-audio";
import { processTake } from "./process-take";
import { mediaTools, type MediaTools } from "./tools";

/**
 * The real pipeline on real files: each format made by ffmpeg, stored, then
 * processed by the machine's ffmpeg/ffprobe into peaks, loudness, facts and
 * (where needed) a rendition, which ffprobe then reads back.
 */
const t = databaseWithStorage("rehearsalhub-process-");
let dir: string;
let bandId: string;
let songId: string;
let uploaderId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-formats-"));
  const { band, owner } = await createBandWith(t.db);
  bandId = band.id;
  uploaderId = owner.id;
  songId = (await t.db.song.create({ data: { bandId, title: "Formats" } })).id;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const deps = () => ({ db: t.db, storage: getStorage(), tools: mediaTools() });

async function seed(bytes: Buffer, contentType: string) {
  // As the upload leaves it: the reading of music-metadata is wrong on purpose here.
  const take = await createTake(t.db, { bandId, songId, uploaderId, bytes, contentType });
  await t.db.version.update({ where: { id: take.id }, data: { channels: 2, codec: "non-PCM (65534)" } });
  return take;
}

async function readStored(key: string): Promise<Buffer> {
  const object = await getStorage().stat(key);
  const chunks: Buffer[] = [];
  for await (const chunk of getStorage().openRange(key, 0, object!.size - 1)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const expectedFacts: Record<AudioFormatName, { channels: number; codec: string; bitDepth: number | null; rendition: boolean }> = {
  "wav-16": { channels: 2, codec: "PCM 16-bit", bitDepth: 16, rendition: true },
  "wav-24": { channels: 2, codec: "PCM 24-bit", bitDepth: 24, rendition: true },
  "wav-32f": { channels: 2, codec: "PCM 32-bit float", bitDepth: 32, rendition: true },
  aiff: { channels: 2, codec: "PCM 16-bit", bitDepth: 16, rendition: true },
  mp3: { channels: 2, codec: "MP3", bitDepth: null, rendition: false },
  "m4a-mono": { channels: 1, codec: "AAC", bitDepth: null, rendition: false },
  flac: { channels: 2, codec: "FLAC", bitDepth: 24, rendition: true },
  ogg: { channels: 2, codec: "Vorbis", bitDepth: null, rendition: true },
  opus: { channels: 2, codec: "Opus", bitDepth: null, rendition: true },
  webm: { channels: 2, codec: "Opus", bitDepth: null, rendition: true },
};

describe("processTake on every format", () => {
  it.each(Object.keys(AUDIO_FORMATS) as AudioFormatName[])("%s: true facts, peaks, loudness, and a playable stream", async (name) => {
    const file = makeAudioFile(dir, name, 2);
    const take = await seed(fs.readFileSync(file), AUDIO_FORMATS[name].contentType);

    expect(await processTake(take.id, deps())).toBe("done");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    const expected = expectedFacts[name];
    expect(row).toMatchObject({ processing: "READY", processingError: null, channels: expected.channels, codec: expected.codec, bitDepth: expected.bitDepth });
    expect(row.durationSeconds).toBeGreaterThan(1.9);
    expect(row.durationSeconds).toBeLessThan(2.2);
    expect(row.loudnessLufs).toBeLessThan(-3);
    expect(row.loudnessLufs).toBeGreaterThan(-40);
    expect(row.truePeakDb).toBeLessThanOrEqual(0.5);

    const peaks = JSON.parse((await readStored(row.peaksKey!)).toString("utf8")) as AudiowaveformJson;
    expect(peaks).toMatchObject({ version: 2, channels: 1, bits: 8, sample_rate: 16000 });
    expect(peaks.data).toHaveLength(peaks.length * 2);
    expect((peaks.length * peaks.samples_per_pixel) / peaks.sample_rate).toBeCloseTo(row.durationSeconds!, 0);
    // lavfi's sine is at 1/8 of full scale: about 32 of 127.
    expect(Math.max(...peaks.data)).toBeGreaterThan(20);

    if (expected.rendition) {
      expect(row.renditionContentType).toBe("audio/mp4");
      const rendition = await readStored(row.renditionKey!);
      expect(Number(row.renditionSizeBytes)).toBe(rendition.length);
      // The index (moov) comes before the audio (mdat): playable while it downloads.
      expect(rendition.indexOf("moov")).toBeLessThan(rendition.indexOf("mdat"));
      const renditionFile = path.join(dir, `${name}-rendition.m4a`);
      fs.writeFileSync(renditionFile, rendition);
      const probe = JSON.parse(
        (await import("node:child_process")).execFileSync("ffprobe", ["-v", "error", "-show_streams", "-of", "json", renditionFile], { encoding: "utf8" }),
      ) as { streams: { codec_name: string; sample_rate: string; channels: number }[] };
      expect(probe.streams[0]).toMatchObject({ codec_name: "aac", channels: expected.channels });
      expect(["44100", "48000"]).toContain(probe.streams[0]!.sample_rate);
    } else {
      expect(row.renditionKey).toBeNull();
    }
  });
});

/** The streams ffprobe finds in a file, by type. */
function streamTypes(file: string): string[] {
  const probe = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_streams", "-of", "json", file], { encoding: "utf8" })) as { streams: { codec_type: string }[] };
  return probe.streams.map((s) => s.codec_type);
}

describe("videos: only the sound is kept", () => {
  it.each(Object.keys(VIDEO_FORMATS) as VideoFormatName[])("%s: READY, the stream is the tone alone (an audio rendition), the original stays as uploaded", async (name) => {
    const file = makeVideoFile(dir, name, { seconds: 2 });
    const bytes = fs.readFileSync(file);
    if (VIDEO_FORMATS[name].ext !== "webm" && VIDEO_FORMATS[name].ext !== "mkv") {
      // As phones write them: the index after the media data.
      expect(bytes.indexOf("mdat")).toBeLessThan(bytes.indexOf("moov"));
    }
    const take = await seed(bytes, VIDEO_FORMATS[name].contentType);

    expect(await processTake(take.id, deps())).toBe("done");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row).toMatchObject({ processing: "READY", processingError: null, contentType: VIDEO_FORMATS[name].contentType, renditionContentType: "audio/mp4" });
    expect(row.durationSeconds).toBeGreaterThan(1.9);
    expect(row.durationSeconds).toBeLessThan(2.2);
    const peaks = JSON.parse((await readStored(row.peaksKey!)).toString("utf8")) as AudiowaveformJson;
    expect((peaks.length * peaks.samples_per_pixel) / peaks.sample_rate).toBeCloseTo(2, 0);
    // lavfi's sine is at 1/8 of full scale: about 16 of 127.
    expect(Math.max(...peaks.data)).toBeGreaterThan(10);

    const renditionFile = path.join(dir, `${name}-rendition.m4a`);
    fs.writeFileSync(renditionFile, await readStored(row.renditionKey!));
    expect(streamTypes(renditionFile)).toEqual(["audio"]);
    expect(dominantFrequency(renditionFile)).toBeGreaterThan(VIDEO_TONE_HZ - 10);
    expect(dominantFrequency(renditionFile)).toBeLessThan(VIDEO_TONE_HZ + 10);
    // The original is untouched: what the band downloads is the video they uploaded.
    expect((await readStored(row.storageKey)).equals(bytes)).toBe(true);
  });

  it("a video with no sound ends FAILED, saying there is nothing to listen to", async () => {
    const take = await seed(fs.readFileSync(makeVideoFile(dir, "mp4-h264-aac", { sound: false })), "video/mp4");
    await runProcessTakeJob(
      { id: "job", name: "process-take", data: { versionId: take.id }, retryCount: 0, retryLimit: 2 } as unknown as PgBoss.JobWithMetadata<ProcessTakeJob>,
      deps(),
    );
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row).toMatchObject({ processing: "FAILED", peaksKey: null, renditionKey: null });
    expect(row.processingError).toMatch(/no sound/);
  });
});

describe("a file that cannot be processed", () => {
  const job = (versionId: string, retryCount = 0) => ({ id: "job", name: "process-take", data: { versionId }, retryCount, retryLimit: 2 }) as unknown as PgBoss.JobWithMetadata<ProcessTakeJob>;

  it("ends FAILED with a readable reason, leaves no temp files, and the next take still processes", async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("rehearsalhub-take-")).length;
    const corrupt = Buffer.concat([Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt "), Buffer.alloc(4000, 0x5a)]);
    const take = await seed(corrupt, "audio/wav");

    await runProcessTakeJob(job(take.id), deps());

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.processing).toBe("FAILED");
    expect(row.processingError).toMatch(/^The (file|audio) could not be/);
    expect(row.processingError).not.toMatch(/\/tmp|rehearsalhub-take|at .*\.ts/);
    expect(row.processingAttempts).toBe(1);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("rehearsalhub-take-")).length).toBe(before);

    const good = await seed(fs.readFileSync(makeAudioFile(dir, "mp3", 2)), "audio/mpeg");
    await runProcessTakeJob(job(good.id), deps());
    expect((await t.db.version.findUniqueOrThrow({ where: { id: good.id } })).processing).toBe("READY");
  });

  it("a file that is gone from storage is retried (rethrown) until the last attempt, then FAILED", async () => {
    const take = await seed(fs.readFileSync(makeAudioFile(dir, "mp3", 2)), "audio/mpeg");
    await getStorage().delete(take.storageKey);

    await expect(runProcessTakeJob(job(take.id, 0), deps())).rejects.toThrow();
    expect((await t.db.version.findUniqueOrThrow({ where: { id: take.id } })).processing).toBe("PENDING");

    await runProcessTakeJob(job(take.id, 2), deps());
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.processing).toBe("FAILED");
    expect(row.processingError).toMatch(/^Processing failed 3 times/);
  });
});

describe("a file crafted to make the tools open another file on the server", () => {
  // The npm fallback's 2018 ffmpeg, left to guess, opens this as an HLS
  // playlist and decodes the file it names (another band's take) into this
  // take's peaks and rendition; its 2023 ffprobe meanwhile reads it as MP3.
  const npmFallback: MediaTools = {
    ffmpeg: { path: (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path, source: "npm package", version: "npm" },
    ffprobe: { path: (createRequire(import.meta.url)("@ffprobe-installer/ffprobe") as { path: string }).path, source: "npm package", version: "npm" },
  };
  const toolSets: [string, () => MediaTools][] = [
    ["the machine's ffmpeg", () => mediaTools()],
    ["the npm fallback ffmpeg", () => npmFallback],
  ];

  /** An ID3 tag large enough to hide what follows from the upload's sniffer, a playlist naming `target`, then real frames. */
  function hostileFile(target: string, frames: Buffer): Buffer {
    const padding = 20_000;
    const id3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, (padding >> 21) & 0x7f, (padding >> 14) & 0x7f, (padding >> 7) & 0x7f, padding & 0x7f]);
    const playlist = `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\nfile://${target}\n#EXT-X-ENDLIST\n`;
    return Buffer.concat([id3, Buffer.alloc(padding), Buffer.from(playlist), frames]);
  }

  /** Another band's take on the server's disk: 5 s of a loud 1 kHz tone. */
  async function secretOnDisk(): Promise<string> {
    const other = await createBandWith(t.db);
    const otherSong = await t.db.song.create({ data: { bandId: other.band.id, title: "Secret" } });
    const file = path.join(dir, "secret.wav");
    execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=frequency=1000:duration=5", "-af", "volume=6", "-ac", "1", file]);
    const secret = await createTake(t.db, { bandId: other.band.id, songId: otherSong.id, uploaderId: other.owner.id, bytes: fs.readFileSync(file), contentType: "audio/wav" });
    const onDisk = path.join(t.storageDir, secret.storageKey);
    expect(fs.existsSync(onDisk)).toBe(true);
    return onDisk;
  }

  /** 3 s of a quiet tone as bare MP3 frames (no tag of their own). */
  function ownFrames(codec: "mp3" | "aac"): Buffer {
    const file = path.join(dir, `own.${codec}`);
    const args = codec === "mp3" ? ["-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3"] : ["-c:a", "aac", "-f", "adts"];
    execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "1", ...args, file]);
    return fs.readFileSync(file);
  }

  it.each(toolSets)("with %s: the take holds only its own audio (its 3 s, never the other file's 5 s)", async (_name, tools) => {
    const bytes = hostileFile(await secretOnDisk(), ownFrames("mp3"));
    // The upload's sniffer takes it for MP3, as it takes any file behind an ID3 tag it cannot see past.
    const { detectAudioFormat, SNIFF_BYTES } = await import("@/server/media/audio-format");
    expect((await detectAudioFormat(bytes.subarray(0, SNIFF_BYTES)))?.contentType).toBe("audio/mpeg");
    const take = await seed(bytes, "audio/mpeg");

    expect(await processTake(take.id, { ...deps(), tools: tools() })).toBe("done");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.durationSeconds).toBeCloseTo(3, 0);
    const peaks = JSON.parse((await readStored(row.peaksKey!)).toString("utf8")) as AudiowaveformJson;
    expect((peaks.length * peaks.samples_per_pixel) / peaks.sample_rate).toBeCloseTo(3, 0);
    // lavfi's sine is at 1/8 of full scale (about 32 of 127); the other file is six times louder.
    expect(Math.max(...peaks.data)).toBeLessThan(60);
  });

  it.each(toolSets)("with %s: a playlist hidden before frames the forced format cannot read fails as damaged, reading nothing else", async (_name, tools) => {
    const take = await seed(hostileFile(await secretOnDisk(), ownFrames("aac")), "audio/mpeg");

    await runProcessTakeJob(
      { id: "job", name: "process-take", data: { versionId: take.id }, retryCount: 0, retryLimit: 2 } as unknown as PgBoss.JobWithMetadata<ProcessTakeJob>,
      { ...deps(), tools: tools() },
    );

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row).toMatchObject({ processing: "FAILED", peaksKey: null, renditionKey: null });
    expect(row.processingError).toMatch(/^The (file|audio) could not be/);
  });
});

describe("a video container pointing at another file on the server", () => {
  /** Another band's take on the server's disk: 5 s of a loud 1 kHz tone in an M4A (AAC), as stored. */
  async function secretM4aOnDisk(): Promise<{ onDisk: string; bytes: Buffer }> {
    const other = await createBandWith(t.db);
    const otherSong = await t.db.song.create({ data: { bandId: other.band.id, title: "Secret" } });
    const file = path.join(dir, "secret.m4a");
    execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=frequency=1000:duration=5", "-af", "volume=6", "-ac", "1", "-c:a", "aac", file]);
    const bytes = fs.readFileSync(file);
    const secret = await createTake(t.db, { bandId: other.band.id, songId: otherSong.id, uploaderId: other.owner.id, bytes, contentType: "audio/mp4" });
    return { onDisk: path.join(t.storageDir, secret.storageKey), bytes };
  }

  it("an MP4 whose track's data reference (a `dref` alias) names another take: never followed; the take fails as empty, reading nothing else", async () => {
    const secret = await secretM4aOnDisk();
    const hostile = mp4ReferencingExternalFile(secret.bytes, secret.onDisk);
    // The file is truly hostile: a mov demuxer allowed to follow references decodes the other take's 5 s from it.
    const followed = path.join(dir, "dref-hostile.mp4");
    fs.writeFileSync(followed, hostile);
    const decoded = execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-enable_drefs", "1", "-use_absolute_path", "1", "-f", "mov", "-i", followed, "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1"]);
    expect(decoded.length / 2 / 16_000).toBeCloseTo(5, 0);

    const take = await seed(hostile, "video/mp4");
    await runProcessTakeJob(
      { id: "job", name: "process-take", data: { versionId: take.id }, retryCount: 0, retryLimit: 2 } as unknown as PgBoss.JobWithMetadata<ProcessTakeJob>,
      deps(),
    );

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row).toMatchObject({ processing: "FAILED", peaksKey: null, renditionKey: null });
    expect(row.processingError).toMatch(/no audio that could be decoded/);
  });

  it("a Matroska video carrying another take as an attachment: only its own sound is decoded", async () => {
    const secret = await secretM4aOnDisk();
    const attached = path.join(dir, "with-attachment.mkv");
    execFileSync("ffmpeg", [
      "-v", "error", "-nostdin", "-y",
      "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=3", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
      "-attach", secret.onDisk, "-metadata:s:t", "mimetype=audio/mp4",
      "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libvorbis", "-f", "matroska", attached,
    ]);
    expect(streamTypes(attached)).toEqual(["video", "audio", "attachment"]);
    const take = await seed(fs.readFileSync(attached), "video/x-matroska");

    expect(await processTake(take.id, deps())).toBe("done");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row.durationSeconds).toBeCloseTo(3, 0);
    const peaks = JSON.parse((await readStored(row.peaksKey!)).toString("utf8")) as AudiowaveformJson;
    expect((peaks.length * peaks.samples_per_pixel) / peaks.sample_rate).toBeCloseTo(3, 0);
    // lavfi's sine is at 1/8 of full scale (about 32 of 127); the attached take is six times louder.
    expect(Math.max(...peaks.data)).toBeLessThan(60);
    const renditionFile = path.join(dir, "with-attachment-rendition.m4a");
    fs.writeFileSync(renditionFile, await readStored(row.renditionKey!));
    expect(streamTypes(renditionFile)).toEqual(["audio"]);
  });
});

describe("work bounded by the bytes uploaded", () => {
  it("a FLAC of ten minutes of silence in 114 KB, with no length in its header, is decoded only as far as its bytes could honestly play", async () => {
    const file = path.join(dir, "silence.flac");
    // Written to a pipe, the encoder cannot go back to record the length: the header says nothing.
    const flac = execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "600", "-c:a", "flac", "-f", "flac", "pipe:1"], { maxBuffer: 64 * 1024 * 1024 });
    fs.writeFileSync(file, flac);
    const take = await seed(flac, "audio/flac");

    expect(await processTake(take.id, deps())).toBe("done");

    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    const bound = maxDecodedSeconds(flac.length);
    expect(bound).toBeLessThan(200);
    expect(row.durationSeconds).toBeLessThanOrEqual(bound + 1);
    const peaks = JSON.parse((await readStored(row.peaksKey!)).toString("utf8")) as AudiowaveformJson;
    expect((peaks.length * peaks.samples_per_pixel) / peaks.sample_rate).toBeLessThanOrEqual(bound + 1);
    // The rendition (192 kb/s) is bounded the same way: about 24 KB a second of the bound, never ten minutes' worth.
    expect(Number(row.renditionSizeBytes)).toBeLessThan(bound * 24_000 * 1.2 + 1024 * 1024);
    expect(Number(row.renditionSizeBytes)).toBeLessThan(600 * 24_000);
  });

  it("a take whose true facts cannot be real audio of its size ends FAILED with the reason, before ffmpeg decodes it", async () => {
    // As a take stored before the upload checked headers: 10 KB of WAV at 10 samples a second.
    const take = await seed(wavClaiming({ sampleRate: 10, channels: 1, dataBytes: 10_000 }), "audio/wav");
    await runProcessTakeJob(
      { id: "job", name: "process-take", data: { versionId: take.id }, retryCount: 0, retryLimit: 2 } as unknown as PgBoss.JobWithMetadata<ProcessTakeJob>,
      deps(),
    );
    const row = await t.db.version.findUniqueOrThrow({ where: { id: take.id } });
    expect(row).toMatchObject({ processing: "FAILED", peaksKey: null, renditionKey: null });
    expect(row.processingError).toMatch(/sample rate is 10 Hz/);
  });
});
