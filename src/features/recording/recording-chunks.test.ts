import { describe, expect, it } from "vitest";
import {
  extensionFor,
  newRecording,
  pickRecordingType,
  recordedTakeTitle,
  recordingFileName,
  recordingFrom,
  unfinishedRecordings,
  usableChunks,
  withChunk,
  type StoredRecording,
} from "./recording-chunks";

const startedAt = Date.UTC(2026, 11, 1, 14, 32, 10);
const base = newRecording({ id: "r1", bandId: "b", songId: "s", mimeType: "audio/webm;codecs=opus", startedAt });

describe("withChunk", () => {
  it("numbers chunks from 0 and adds up bytes and recorded time", () => {
    const first = withChunk(base, { size: 100, durationMs: 1_000 });
    expect(first.seq).toBe(0);
    const second = withChunk(first.recording, { size: 50, durationMs: 2_000 });
    expect(second.seq).toBe(1);
    expect(second.recording).toMatchObject({ chunkCount: 2, bytes: 150, durationMs: 2_000 });
    expect(base.chunkCount).toBe(0);
  });

  it("never lets the recorded time go backwards", () => {
    const late = withChunk(withChunk(base, { size: 1, durationMs: 5_000 }).recording, { size: 1, durationMs: 4_000 });
    expect(late.recording.durationMs).toBe(5_000);
  });
});

describe("usableChunks", () => {
  it("keeps 0, 1, 2… up to the first gap, in order", () => {
    expect(usableChunks([2, 0, 1])).toEqual([0, 1, 2]);
    expect(usableChunks([0, 1, 3, 4])).toEqual([0, 1]);
    expect(usableChunks([1, 2])).toEqual([]);
    expect(usableChunks([])).toEqual([]);
  });
});

describe("unfinishedRecordings", () => {
  const r = (over: Partial<StoredRecording>): StoredRecording => ({ ...base, chunkCount: 1, ...over });
  it("offers this song's stored recordings with chunks, except the one being made, oldest first", () => {
    const all = [r({ id: "new", startedAt: 3 }), r({ id: "old", startedAt: 1 }), r({ id: "other", songId: "s2" }), r({ id: "empty", chunkCount: 0 }), r({ id: "active" })];
    expect(unfinishedRecordings(all, "s", "active").map((x) => x.id)).toEqual(["old", "new"]);
  });
});

describe("names and titles", () => {
  it("titles the take by when it was recorded", () => {
    expect(recordedTakeTitle(startedAt, "UTC")).toBe("Recorded 1 Dec 14:32");
    expect(recordedTakeTitle(startedAt, "Europe/Berlin")).toBe("Recorded 1 Dec 15:32");
  });

  it("says when an unfinished recording was made, with the day when it was not today", () => {
    expect(recordingFrom(startedAt, startedAt + 3_600_000, "UTC")).toBe("Recording from 14:32");
    expect(recordingFrom(startedAt, startedAt + 2 * 86_400_000, "UTC")).toBe("Recording from 1 Dec 14:32");
  });

  it("names the file by date and time with the container's extension", () => {
    expect(recordingFileName(startedAt, "audio/webm;codecs=opus", "UTC")).toBe("recording-2026-12-01-1432.webm");
    expect(recordingFileName(startedAt, "audio/mp4", "UTC")).toBe("recording-2026-12-01-1432.m4a");
    expect(extensionFor("audio/ogg; codecs=opus")).toBe("ogg");
  });
});

describe("pickRecordingType", () => {
  it("prefers Opus in WebM, then MP4, else none", () => {
    expect(pickRecordingType(() => true)).toBe("audio/webm;codecs=opus");
    expect(pickRecordingType((t) => t === "audio/mp4")).toBe("audio/mp4");
    expect(pickRecordingType(() => false)).toBeNull();
  });
});
