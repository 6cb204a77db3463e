import { describe, expect, it } from "vitest";
import { makeWav } from "@/test/wav";
import { detectAudioFormat, SNIFF_BYTES } from "./audio-format";

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const pad = (b: Buffer, n = 4096) => Buffer.concat([b, Buffer.alloc(Math.max(0, n - b.length))]);

// Just enough of each container's opening for byte sniffing.
const oggPage = (codecHeader: Buffer) => pad(bytes("OggS", Buffer.alloc(24), codecHeader));
const ftyp = (brand: string) => pad(bytes([0, 0, 0, 0x18], "ftyp", brand, [0, 0, 0, 0], brand, "isom"));
const ebmlWebm = pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm", [0x42, 0x87, 0x81, 0x04]));
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
    ["MP4 (checked for video later)", ftyp("isom"), "audio/mp4", "m4a"],
    ["WebM", ebmlWebm, "audio/webm", "webm"],
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
    ["QuickTime", ftyp("qt  ")],
    ["empty", Buffer.alloc(0)],
  ])("refuses %s", async (_label, head) => {
    expect(await detectAudioFormat(head)).toBeNull();
  });

  it("judges exactly the first SNIFF_BYTES, however many bytes it is handed (one answer on every way in)", async () => {
    // An ID3 tag that ends past the sniffed bytes, then a playlist: what follows the tag must not change the answer.
    const tagged = Buffer.concat([bytes("ID3", [4, 0, 0, 0, 0x01, 0x1c, 0x20]), Buffer.alloc(20_000), Buffer.from("#EXTM3U\nfile:///x\n")]);
    const answers = await Promise.all([SNIFF_BYTES, 20_000, tagged.length].map((n) => detectAudioFormat(tagged.subarray(0, n))));
    expect(answers.map((a) => a?.contentType ?? null)).toEqual(Array(3).fill(answers[0]?.contentType ?? null));
  });
});
