import { normaliseTitle, suggestSong, type SongChoice } from "@/features/songs/suggest-song";
import type { DuplicateOf } from "./duplicate-takes.rules";

/** Where one file of a rehearsal goes: a song the band has, or a new song, created by the server with the file's take. */
export type UploadTarget = { kind: "existing"; songId: string } | { kind: "new"; title: string };

export type RowState =
  | { kind: "waiting" }
  | { kind: "uploading"; loaded: number; waiting?: boolean }
  | { kind: "done"; songId: string; takeId: string; duplicateOf?: DuplicateOf | null }
  /** refused: the server said no to the file itself (not audio, too large); sending it again cannot help. */
  | { kind: "failed"; message: string; refused?: boolean };

export type UploadRow = { id: string; name: string; size: number; target: UploadTarget; state: RowState };

/** How many files go up at once: enough to keep the line busy, few enough that each one moves. */
export const PARALLEL_UPLOADS = 2;

/** A row per chosen file, each with the song its name suggests. */
export function rowsForFiles(files: readonly { name: string; size: number }[], songs: readonly SongChoice[], newId: () => string): UploadRow[] {
  return files.map((file) => {
    const suggestion = suggestSong(file.name, songs);
    const target: UploadTarget = suggestion.kind === "existing" ? { kind: "existing", songId: suggestion.songId } : { kind: "new", title: suggestion.title };
    return { id: newId(), name: file.name, size: file.size, target, state: { kind: "waiting" } };
  });
}

/**
 * How far the batch is: a finished file counts whole, and so does a failed
 * one (done with an error: nothing more will happen to it unless it is
 * retried, when it counts from nothing again), so a batch with a refused file
 * still reaches its end.
 */
export function overallProgress(rows: readonly UploadRow[]): { loaded: number; total: number; percent: number } {
  let loaded = 0;
  let total = 0;
  for (const row of rows) {
    total += row.size;
    if (row.state.kind === "done" || row.state.kind === "failed") loaded += row.size;
    else if (row.state.kind === "uploading") loaded += Math.min(row.state.loaded, row.size);
  }
  return { loaded, total, percent: total > 0 ? Math.floor((loaded / total) * 100) : 0 };
}

export type BatchSummary = { waiting: number; uploading: number; done: number; failed: number; total: number };

export function summarise(rows: readonly UploadRow[]): BatchSummary {
  const summary: BatchSummary = { waiting: 0, uploading: 0, done: 0, failed: 0, total: rows.length };
  for (const row of rows) summary[row.state.kind]++;
  return summary;
}

/** A sentence for the whole batch, for the live region and the heading of the list. */
export function summarySentence(s: BatchSummary): string {
  if (s.total === 0) return "No files chosen.";
  const files = (n: number) => `${n} ${n === 1 ? "file" : "files"}`;
  if (s.done === s.total) return `All ${files(s.total)} uploaded.`;
  if (s.uploading + s.waiting === 0) return `${s.done} of ${files(s.total)} uploaded, ${s.failed} failed.`;
  if (s.uploading + s.done + s.failed === 0) return `${files(s.total)} ready to upload.`;
  return `Uploading ${s.done + s.uploading} of ${files(s.total)}…`;
}

/** Which new song a title names: titles compared the way suggestions are ("new  jam " is "New Jam"). */
export function newSongKey(title: string): string {
  const trimmed = title.trim();
  return normaliseTitle(trimmed) || trimmed;
}

/**
 * The new songs a batch names: one per distinct title, so two takes of a new
 * song land in the same new song (the first file accepted creates it on the
 * server, the others then go to it). Returns the titles, in the order they
 * first appear, and for each row with a new song the key of its title.
 */
export function songsToCreate(rows: readonly UploadRow[]): { titles: { key: string; title: string }[]; keyOfRow: Map<string, string> } {
  const titles: { key: string; title: string }[] = [];
  const keyOfRow = new Map<string, string>();
  for (const row of rows) {
    if (row.target.kind !== "new" || row.state.kind === "done") continue;
    const title = row.target.title.trim();
    const key = newSongKey(title);
    if (!titles.some((t) => t.key === key)) titles.push({ key, title });
    keyOfRow.set(row.id, key);
  }
  return { titles, keyOfRow };
}

/** A file to send: one that has not gone up yet, or failed for a reason a retry may get past. */
export const isPending = (row: UploadRow) => row.state.kind === "waiting" || (row.state.kind === "failed" && !row.state.refused);

/** Whether a failed upload's status says no to the file itself: 413 too large, 415 not audio. */
export const isRefusedFile = (status: number) => status === 413 || status === 415;

/** Whether leaving the page now would lose work: some file is on its way or waiting its turn in a started batch. */
export const isBusy = (rows: readonly UploadRow[]) => rows.some((row) => row.state.kind === "uploading");

/**
 * Once a file's take created its new song, every row still meant for a new
 * song of that title goes to the song made instead, so no retry or later
 * file makes it twice.
 */
export function pointAtCreatedSong(rows: readonly UploadRow[], key: string, songId: string): UploadRow[] {
  return rows.map((row) =>
    row.target.kind === "new" && row.state.kind !== "done" && newSongKey(row.target.title) === key ? { ...row, target: { kind: "existing", songId } } : row,
  );
}

/** The files not uploaded and why, for the summary under the batch. */
export function notUploaded(rows: readonly UploadRow[]): { id: string; name: string; message: string }[] {
  return rows.flatMap((row) => (row.state.kind === "failed" ? [{ id: row.id, name: row.name, message: row.state.message }] : []));
}
