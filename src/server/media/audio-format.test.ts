import { describe, expect, it } from "vitest";
import { makeWav } from "@/test/wav";
import type { IAudioMetadata } from "music-metadata";
import { detectAudioFormat, SNIFF_BYTES, storedContentType } from "./audio-format";

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const pad = (b: Buffer, n = 4096) => Buffer.concat([b, Buffer.alloc(Math.max(0, n - b.length))]);

// Just enough of each container's opening for byte sniffing.
const oggPage = (codecHeader: Buffer) => pad(bytes("OggS", Buffer.alloc(24), codecHeader));
const ftyp = (brand: string) => pad(bytes([0, 0, 0, 0x18], "ftyp", brand, [0, 0, 0, 0], brand, "isom"));
const ebml = (docType: string) => pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x80 | (4 + docType.length + 4), 0x42, 0x82, 0x80 | docType.length], docType, [0x42, 0x87, 0x81, 0x04]));
const ebmlWebm = ebml("webm");
const mp3Frame = pad(bytes([0xff, 0xfb, 0x90, 0x64]));
const id3 = pad(bytes("ID3", [4, 0, 0, 0, 0, 0, 10], Buffer.alloc(10), [0xff, 0xfb, 0x90, 0x64]));
// An ID3 tag (cover art) of ~2 MB: far beyond the sniffed bytes.
const bigId3 = pad(bytes("ID3", [4, 0, 0, 0x00, 0x7f, 0x7f, 0x7f]));

describe("detectAudioFormat (by bytes, never by name)", () => {
  it.each([
    ["WAV", makeWav({ seconds: 0.1 }), "audio/wav", "wav"],
    ["AIFF", pad(bytes("FORM", [0, 0, 0x10, 0], "AIFFCOMM", [0, 0, 0, 0x12])), "audio/aiff", "aiff"],
    ["FLAC", pad(bytes("fLaC", [0, 0, 0, 0x22])), "audio/flac", "flac"],
    ["Ogg Vorbis", oggPage(bytes([0x01], "vorbis")), "audio/ogg", "ogg"],
    ["Ogg Opus", oggPage(bytes("OpusHead")), "audio/ogg; codecs=opus", "opus"],
    ["M4A", ftyp("M4A "), "audio/mp4", "m4a"],
    ["MP4 (isom; video or not is read from its metadata later)", ftyp("isom"), "audio/mp4", "mp4"],
    ["MP4 (mp42, as Android phones write)", ftyp("mp42"), "audio/mp4", "mp4"],
    ["MP4 (dash)", ftyp("dash"), "audio/mp4", "mp4"],
    ["MP4 (iso5)", ftyp("iso5"), "audio/mp4", "mp4"],
    ["M4V", ftyp("M4V "), "audio/mp4", "m4v"],
    ["QuickTime (iPhone video)", ftyp("qt  "), "audio/mp4", "mov"],
    ["3GP", ftyp("3gp5"), "audio/3gpp", "3gp"],
    ["WebM", ebmlWebm, "audio/webm", "webm"],
    ["Matroska", ebml("matroska"), "audio/x-matroska", "mkv"],
    ["MP3 frame", mp3Frame, "audio/mpeg", "mp3"],
    ["MP3 with ID3", id3, "audio/mpeg", "mp3"],
    ["MP3 with an ID3 tag longer than the sniffed bytes", bigId3, "audio/mpeg", "mp3"],
  ])("%s", async (_label, head, contentType, ext) => {
    expect(await detectAudioFormat(head)).toMatchObject({ contentType, ext });
  });

  it.each([
    ["text", Buffer.from("hello, this is not audio at all\n".repeat(100))],
    ["PNG", pad(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
    ["PDF", pad(bytes("%PDF-1.7\n"))],
    ["Ogg Theora video", oggPage(bytes([0x80], "theora"))],
    ["an MP4 of a brand nobody records with", ftyp("XYZ1")],
    ["Flash video in an ftyp box", ftyp("F4V ")],
    ["HEIF image", ftyp("heic")],
    ["an ftyp box past the start", pad(bytes(Buffer.alloc(8), [0, 0, 0, 0x18], "ftyp", "isom", [0, 0, 0, 0], "isom", "isom"))],
    ["EBML of another doctype", ebml("xyzw")],
    ["empty", Buffer.alloc(0)],
  ])("refuses %s", async (_label, head) => {
    expect(await detectAudioFormat(head)).toBeNull();
  });

  it("gives containers that can carry video their video content type", async () => {
    const types = await Promise.all([ftyp("isom"), ftyp("qt  "), ftyp("3gp4"), ebmlWebm, ebml("matroska"), mp3Frame].map(detectAudioFormat));
    expect(types.map((f) => f?.videoContentType)).toEqual(["video/mp4", "video/quicktime", "video/3gpp", "video/webm", "video/x-matroska", null]);
  });

  it("judges exactly the first SNIFF_BYTES, however many bytes it is handed (one answer on every way in)", async () => {
    // An ID3 tag that ends past the sniffed bytes, then a playlist: what follows the tag must not change the answer.
    const tagged = Buffer.concat([bytes("ID3", [4, 0, 0, 0, 0x01, 0x1c, 0x20]), Buffer.alloc(20_000), Buffer.from("#EXTM3U\nfile:///x\n")]);
    const answers = await Promise.all([SNIFF_BYTES, 20_000, tagged.length].map((n) => detectAudioFormat(tagged.subarray(0, n))));
    expect(answers.map((a) => a?.contentType ?? null)).toEqual(Array(3).fill(answers[0]?.contentType ?? null));
  });
});

describe("storedContentType (what a stored file is kept as)", () => {
  const meta = (format: Partial<IAudioMetadata["format"]>) => ({ format, native: {}, common: {}, quality: { warnings: [] } }) as unknown as IAudioMetadata;
  const mp4 = { ext: "mp4", contentType: "audio/mp4", videoContentType: "video/mp4" };
  const mp3 = { ext: "mp3", contentType: "audio/mpeg", videoContentType: null };

  it("a video with sound is kept as the video it is", () => {
    expect(storedContentType(mp4, meta({ hasAudio: true, hasVideo: true, codec: "MPEG-4/AAC" }))).toEqual({ contentType: "video/mp4" });
  });

  it("sound alone in a video container is kept as audio", () => {
    expect(storedContentType(mp4, meta({ hasAudio: true, hasVideo: false, codec: "MPEG-4/AAC" }))).toEqual({ contentType: "audio/mp4" });
  });

  it("a video without sound is refused, saying so (music-metadata claims audio in any MP4; a sound track has a codec)", () => {
    const answer = storedContentType(mp4, meta({ hasAudio: true, hasVideo: true }));
    expect(answer).toEqual({ refusal: expect.stringMatching(/^That video has no sound/) });
  });

  it("a container whose metadata cannot be read is refused", () => {
    expect(storedContentType(mp4, null)).toEqual({ refusal: expect.stringMatching(/no sound we can read/) });
  });

  it("audio-only formats need no metadata", () => {
    expect(storedContentType(mp3, null)).toEqual({ contentType: "audio/mpeg" });
  });
});
