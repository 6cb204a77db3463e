import { describe, expect, it } from "vitest";
import { uploadErrorMessage, uploadFingerprint, uploadFormData, uploadMetadata } from "./upload-take";

describe("uploadErrorMessage", () => {
  it("says how large a file may be on 413", () => {
    expect(uploadErrorMessage(413, { error: { message: "x", code: "PAYLOAD_TOO_LARGE" } }, 500)).toBe("That file is too large: the maximum is 500 MB.");
    expect(uploadErrorMessage(413, null, 2048)).toMatch(/maximum is 2 GB/);
  });

  it("says the file is not audio on 415, preferring the server's wording", () => {
    expect(uploadErrorMessage(415, null, 500)).toMatch(/not an audio or video file we can read/);
    expect(uploadErrorMessage(415, { error: { message: "That video has no sound." } }, 500)).toBe("That video has no sound.");
  });

  it("explains network failures, sessions and server errors without codes", () => {
    expect(uploadErrorMessage(0, null, 500)).toMatch(/interrupted/);
    expect(uploadErrorMessage(401, null, 500)).toMatch(/sign in again/i);
    expect(uploadErrorMessage(500, { error: { message: "stack trace" } }, 500)).not.toContain("stack");
    expect(uploadErrorMessage(400, { error: { message: "Choose an audio file." } }, 500)).toBe("Choose an audio file.");
  });
});

describe("uploadFormData", () => {
  it("puts title and notes before the file, so the server can refuse them before the audio streams", () => {
    const form = uploadFormData({ file: new File([new Uint8Array(4)], "take.wav"), title: " Take ", notes: "Bridge" });
    expect([...form.keys()]).toEqual(["title", "notes", "file"]);
    expect(form.get("title")).toBe("Take");
  });
});

describe("resuming the same upload", () => {
  const file = { name: "take.wav", type: "audio/wav", size: 1000, lastModified: 1 };
  it("continues a stored upload only for the same file and the same song", () => {
    const base = uploadFingerprint({ bandId: "b1", songId: "s1", file });
    expect(uploadFingerprint({ bandId: "b1", songId: "s1", file: { ...file } })).toBe(base);
    expect(uploadFingerprint({ bandId: "b1", songId: "s2", file })).not.toBe(base);
    expect(uploadFingerprint({ bandId: "b1", songId: "s1", file: { ...file, size: 1001 } })).not.toBe(base);
    expect(uploadFingerprint({ bandId: "b1", songId: "s1", file: { ...file, lastModified: 2 } })).not.toBe(base);
  });

  it("names the song, the file and only the text fields that were filled in", () => {
    expect(uploadMetadata({ bandId: "b1", songId: "s1", file, title: " Take ", notes: "  " })).toEqual({
      bandId: "b1",
      songId: "s1",
      filename: "take.wav",
      filetype: "audio/wav",
      title: "Take",
    });
  });

  it("names a new song by its title instead of a song id (the server creates it with the take)", () => {
    expect(uploadMetadata({ bandId: "b1", newSongTitle: "Blue Harbour", file })).toEqual({
      bandId: "b1",
      newSongTitle: "Blue Harbour",
      filename: "take.wav",
      filetype: "audio/wav",
    });
  });

  it("words the endpoint's refusals: a removed member, a gone upload", () => {
    expect(uploadErrorMessage(403, { error: { message: "Only whoever started this upload can continue it." } }, 500)).toMatch(/started this upload/);
    expect(uploadErrorMessage(403, null, 500)).toMatch(/no longer upload/);
    expect(uploadErrorMessage(404, null, 500)).toMatch(/no longer exists/);
  });
});
