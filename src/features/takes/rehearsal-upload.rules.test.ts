import { describe, expect, it } from "vitest";
import {
  isBusy,
  isPending,
  isRefusedFile,
  notUploaded,
  overallProgress,
  pointAtCreatedSong,
  rowsForFiles,
  songsToCreate,
  summarise,
  summarySentence,
  type UploadRow,
} from "./rehearsal-upload.rules";

const songs = [{ id: "s1", title: "Midnight Ferry" }];
let n = 0;
const newId = () => `r${++n}`;

const row = (over: Partial<UploadRow> & Pick<UploadRow, "state">): UploadRow => ({ id: newId(), name: "x.wav", size: 100, target: { kind: "existing", songId: "s1" }, ...over });

describe("rowsForFiles", () => {
  it("gives each file a row, waiting, with the song its name suggests", () => {
    const rows = rowsForFiles(
      [
        { name: "01 - Midnight Ferry.wav", size: 10 },
        { name: "new_jam.mp3", size: 20 },
      ],
      songs,
      newId,
    );
    expect(rows.map((r) => [r.name, r.size, r.target, r.state])).toEqual([
      ["01 - Midnight Ferry.wav", 10, { kind: "existing", songId: "s1" }, { kind: "waiting" }],
      ["new_jam.mp3", 20, { kind: "new", title: "New Jam" }, { kind: "waiting" }],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });
});

describe("overallProgress", () => {
  it("adds the bytes of every file: done and failed ones whole (nothing more will happen to them), uploading ones so far, waiting as nothing", () => {
    const rows = [
      row({ size: 100, state: { kind: "done", songId: "s1", takeId: "t" } }),
      row({ size: 200, state: { kind: "uploading", loaded: 50 } }),
      row({ size: 300, state: { kind: "waiting" } }),
      row({ size: 400, state: { kind: "failed", message: "no" } }),
    ];
    expect(overallProgress(rows)).toEqual({ loaded: 550, total: 1000, percent: 55 });
  });

  it("never counts more than a file's size, and is 0 % of nothing", () => {
    expect(overallProgress([row({ size: 100, state: { kind: "uploading", loaded: 180 } })])).toEqual({ loaded: 100, total: 100, percent: 100 });
    expect(overallProgress([])).toEqual({ loaded: 0, total: 0, percent: 0 });
  });
});

describe("summarise and summarySentence", () => {
  it("counts rows by state and says where the batch stands", () => {
    const waiting = row({ state: { kind: "waiting" } });
    const uploading = row({ state: { kind: "uploading", loaded: 1 } });
    const done = row({ state: { kind: "done", songId: "s1", takeId: "t" } });
    const failed = row({ state: { kind: "failed", message: "no" } });
    expect(summarise([waiting, uploading, done, failed])).toEqual({ waiting: 1, uploading: 1, done: 1, failed: 1, total: 4 });
    expect(summarySentence(summarise([]))).toBe("No files chosen.");
    expect(summarySentence(summarise([waiting]))).toBe("1 file ready to upload.");
    expect(summarySentence(summarise([waiting, uploading, done]))).toBe("Uploading 2 of 3 files…");
    expect(summarySentence(summarise([done, failed]))).toBe("1 of 2 files uploaded, 1 failed.");
    expect(summarySentence(summarise([done, done]))).toBe("All 2 files uploaded.");
  });
});

describe("songsToCreate", () => {
  it("creates each new title once, however it is spelled, and skips rows already done", () => {
    const a = row({ target: { kind: "new", title: "New Jam" }, state: { kind: "waiting" } });
    const b = row({ target: { kind: "new", title: "new  jam " }, state: { kind: "failed", message: "x" } });
    const c = row({ target: { kind: "new", title: "Blue Harbour" }, state: { kind: "waiting" } });
    const d = row({ target: { kind: "existing", songId: "s1" }, state: { kind: "waiting" } });
    const e = row({ target: { kind: "new", title: "Already Up" }, state: { kind: "done", songId: "s9", takeId: "t" } });
    const { titles, keyOfRow } = songsToCreate([a, b, c, d, e]);
    expect(titles).toEqual([
      { key: "new jam", title: "New Jam" },
      { key: "blue harbour", title: "Blue Harbour" },
    ]);
    expect(keyOfRow.get(a.id)).toBe("new jam");
    expect(keyOfRow.get(b.id)).toBe("new jam");
    expect(keyOfRow.has(d.id)).toBe(false);
    expect(keyOfRow.has(e.id)).toBe(false);
  });
});

describe("a batch with a refused file", () => {
  it("reaches its end, and says which file was not uploaded and why", () => {
    const audio = row({ name: "jam.wav", size: 900, state: { kind: "done", songId: "s1", takeId: "t" } });
    const text = row({ name: "notes.mp3", size: 100, state: { kind: "failed", message: "That file is not audio we can play." } });
    expect(overallProgress([audio, text]).percent).toBe(100);
    expect(notUploaded([audio, text])).toEqual([{ id: text.id, name: "notes.mp3", message: "That file is not audio we can play." }]);
  });
});

describe("pointAtCreatedSong", () => {
  it("sends every row still meant for that new title to the song just made, and leaves the rest", () => {
    const failed = row({ target: { kind: "new", title: "New Jam" }, state: { kind: "failed", message: "x" } });
    const waiting = row({ target: { kind: "new", title: " new jam" }, state: { kind: "waiting" } });
    const other = row({ target: { kind: "new", title: "Blue Harbour" }, state: { kind: "waiting" } });
    const existing = row({ state: { kind: "waiting" } });
    const moved = pointAtCreatedSong([failed, waiting, other, existing], "new jam", "s7");
    expect(moved.map((r) => r.target)).toEqual([
      { kind: "existing", songId: "s7" },
      { kind: "existing", songId: "s7" },
      { kind: "new", title: "Blue Harbour" },
      { kind: "existing", songId: "s1" },
    ]);
  });
});

describe("isPending and isRefusedFile", () => {
  it("does not send again a file the server refused (not audio, too large), but does one that failed otherwise", () => {
    expect(isPending(row({ state: { kind: "failed", message: "not audio", refused: true } }))).toBe(false);
    expect(isPending(row({ state: { kind: "failed", message: "paused" } }))).toBe(true);
    expect([413, 415].every(isRefusedFile)).toBe(true);
    expect([0, 401, 403, 404, 500].some(isRefusedFile)).toBe(false);
  });
});

describe("isPending and isBusy", () => {
  it("sends waiting and failed rows, and holds the page only while a file is on its way", () => {
    expect(isPending(row({ state: { kind: "waiting" } }))).toBe(true);
    expect(isPending(row({ state: { kind: "failed", message: "x" } }))).toBe(true);
    expect(isPending(row({ state: { kind: "done", songId: "s", takeId: "t" } }))).toBe(false);
    expect(isBusy([row({ state: { kind: "waiting" } })])).toBe(false);
    expect(isBusy([row({ state: { kind: "uploading", loaded: 0 } })])).toBe(true);
  });
});
