import { describe, expect, it } from "vitest";
import { uploadErrorMessage, uploadFormData } from "./upload-take";

describe("uploadErrorMessage", () => {
  it("says how large a file may be on 413", () => {
    expect(uploadErrorMessage(413, { error: { message: "x", code: "PAYLOAD_TOO_LARGE" } }, 500)).toBe("That file is too large: the maximum is 500 MB.");
    expect(uploadErrorMessage(413, null, 2048)).toMatch(/maximum is 2 GB/);
  });

  it("says the file is not audio on 415, preferring the server's wording", () => {
    expect(uploadErrorMessage(415, null, 500)).toMatch(/not an audio file/);
    expect(uploadErrorMessage(415, { error: { message: "That file holds video." } }, 500)).toBe("That file holds video.");
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
