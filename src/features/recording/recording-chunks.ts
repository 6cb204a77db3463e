/**
 * Bookkeeping of a recording kept in the browser as it goes: one record per
 * recording (what it is, how long, how many chunks) and its chunks numbered
 * from 0. Pure: the IndexedDB store (recording-store.ts) keeps these values.
 */
export type StoredRecording = {
  id: string;
  bandId: string;
  songId: string;
  mimeType: string;
  /** Epoch ms when recording started. */
  startedAt: number;
  /** Recorded time (pauses left out) covered by the stored chunks. */
  durationMs: number;
  chunkCount: number;
  bytes: number;
};

export function newRecording(fields: Pick<StoredRecording, "id" | "bandId" | "songId" | "mimeType" | "startedAt">): StoredRecording {
  return { ...fields, durationMs: 0, chunkCount: 0, bytes: 0 };
}

/** The next chunk's number and the record as it stands once that chunk is stored. */
export function withChunk(recording: StoredRecording, chunk: { size: number; durationMs: number }): { seq: number; recording: StoredRecording } {
  return {
    seq: recording.chunkCount,
    recording: {
      ...recording,
      chunkCount: recording.chunkCount + 1,
      bytes: recording.bytes + chunk.size,
      durationMs: Math.max(recording.durationMs, chunk.durationMs),
    },
  };
}

/**
 * The chunk numbers that make a playable file: 0, 1, 2… up to the first gap
 * (a chunk lost in a crash). The container's header is in chunk 0, so without
 * it nothing is usable.
 */
export function usableChunks(seqs: readonly number[]): number[] {
  const present = new Set(seqs);
  const usable: number[] = [];
  for (let seq = 0; present.has(seq); seq++) usable.push(seq);
  return usable;
}

/** Recordings of this song left from an earlier visit (not the one being made now), oldest first. */
export function unfinishedRecordings(all: readonly StoredRecording[], songId: string, activeId: string | null): StoredRecording[] {
  return all.filter((r) => r.songId === songId && r.id !== activeId && r.chunkCount > 0).sort((a, b) => a.startedAt - b.startedAt);
}

const clockFormat = (timeZone?: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone });
const dayFormat = (timeZone?: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone });

/** "Recorded 1 Dec 14:32": the title a recorded take gets. */
export function recordedTakeTitle(startedAt: number, timeZone?: string): string {
  return `Recorded ${dayFormat(timeZone).format(startedAt)} ${clockFormat(timeZone).format(startedAt)}`;
}

/** "Recording from 14:32" today, "Recording from 1 Dec 14:32" on another day. */
export function recordingFrom(startedAt: number, now: number, timeZone?: string): string {
  const day = dayFormat(timeZone);
  const sameDay = day.format(startedAt) === day.format(now) && Math.abs(now - startedAt) < 24 * 3600 * 1000;
  return `Recording from ${sameDay ? "" : `${day.format(startedAt)} `}${clockFormat(timeZone).format(startedAt)}`;
}

/** "recording-2026-12-01-1432.webm": the file name the take is uploaded under. */
export function recordingFileName(startedAt: number, mimeType: string, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false, timeZone })
      .formatToParts(startedAt)
      .map((p) => [p.type, p.value]),
  );
  return `recording-${parts.year}-${parts.month}-${parts.day}-${parts.hour}${parts.minute}.${extensionFor(mimeType)}`;
}

export function extensionFor(mimeType: string): string {
  const base = mimeType.split(";")[0]!.trim().toLowerCase();
  if (base === "audio/mp4" || base === "video/mp4") return "m4a";
  if (base === "audio/ogg") return "ogg";
  return "webm";
}

/** What MediaRecorder should make, best first: Opus in WebM (Chromium, Firefox), else AAC in MP4 (Safari). */
export const RECORDING_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4"] as const;

export function pickRecordingType(isTypeSupported: (type: string) => boolean): string | null {
  return RECORDING_TYPES.find((type) => isTypeSupported(type)) ?? null;
}
