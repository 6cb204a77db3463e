import type { DBSchema, IDBPDatabase } from "idb";
import { usableChunks, withChunk, type StoredRecording } from "./recording-chunks";

/**
 * Recordings kept in the browser's IndexedDB while they are made, a chunk
 * (about a second of audio) at a time, so a reload or a crash loses at most
 * the last chunk. A recording is removed only after its take is uploaded or
 * the user discards it.
 */
interface RecordingsDb extends DBSchema {
  recordings: { key: string; value: StoredRecording };
  chunks: { key: [string, number]; value: { recordingId: string; seq: number; data: Blob }; indexes: { byRecording: string } };
}

const DB_NAME = "rehearsalhub-recordings";

let opened: Promise<IDBPDatabase<RecordingsDb>> | null = null;

function db(): Promise<IDBPDatabase<RecordingsDb>> {
  // The wrapper is fetched on first use: the song page is interactive without it.
  opened ??= import("idb")
    .then(({ openDB }) =>
      openDB<RecordingsDb>(DB_NAME, 1, {
        upgrade(database) {
          database.createObjectStore("recordings", { keyPath: "id" });
          database.createObjectStore("chunks", { keyPath: ["recordingId", "seq"] }).createIndex("byRecording", "recordingId");
        },
      }),
    )
    .catch((error: unknown) => {
      opened = null;
      throw error;
    });
  return opened;
}

export async function saveRecording(recording: StoredRecording): Promise<void> {
  await (await db()).put("recordings", recording);
}

/** Stores one chunk and the record's new totals in one transaction, so they never disagree. */
export async function appendChunk(recording: StoredRecording, data: Blob, durationMs: number): Promise<StoredRecording> {
  const next = withChunk(recording, { size: data.size, durationMs });
  const tx = (await db()).transaction(["recordings", "chunks"], "readwrite");
  await Promise.all([tx.objectStore("chunks").put({ recordingId: recording.id, seq: next.seq, data }), tx.objectStore("recordings").put(next.recording), tx.done]);
  return next.recording;
}

export async function listRecordings(): Promise<StoredRecording[]> {
  return (await db()).getAll("recordings");
}

/** The recording's bytes as one file body: its chunks in order, up to any gap. */
export async function recordingBlob(recording: StoredRecording): Promise<Blob> {
  const chunks = await (await db()).getAllFromIndex("chunks", "byRecording", recording.id);
  const bySeq = new Map(chunks.map((c) => [c.seq, c.data]));
  return new Blob(
    usableChunks([...bySeq.keys()]).map((seq) => bySeq.get(seq)!),
    { type: recording.mimeType },
  );
}

export async function deleteRecording(id: string): Promise<void> {
  const tx = (await db()).transaction(["recordings", "chunks"], "readwrite");
  const chunks = tx.objectStore("chunks");
  await Promise.all([tx.objectStore("recordings").delete(id), chunks.delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])), tx.done]);
}
